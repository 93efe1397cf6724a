using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Requests;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>
/// DATAPLANE_AUTH=oauth2 on the signaling endpoints: JwtBearer checks every call against the token server's JWKS (the
/// EDC simulator's, here) and the configured issuer. A call without a token the service accepts gets 401 in the error
/// envelope and changes nothing; a client API key opens nothing.
/// </summary>
public sealed class OAuth2SignalingTests
{
    private static EdcSimulatorInstance _tokenServer = null!;
    private static string _issuer = null!;

    [OneTimeSetUp]
    public static async Task StartTokenServerAsync()
    {
        _tokenServer = await EdcSimulatorHost.StartAsync();
        _issuer = $"{_tokenServer.BaseAddress.GetLeftPart(UriPartial.Authority)}{OAuth2TokenServer.BasePath}";
    }

    [OneTimeTearDown]
    public static async Task StopTokenServerAsync() => await _tokenServer.DisposeAsync();

    private static Task<DpsHarness> StartAsync() => DpsHarness.StartAsync(_ => new Dictionary<string, string?>
    {
        ["DataPlane:Auth"] = "oauth2",
        ["DataPlane:OAuth2:TokenEndpoint"] = _issuer + "/token",
        ["DataPlane:OAuth2:ClientSecret"] = OAuth2TokenServer.DefaultClientSecret,
        ["DataPlane:OAuth2:JwksUri"] = _issuer + "/jwks",
        ["DataPlane:OAuth2:Issuer"] = _issuer,
    });

    private static string Valid() => _tokenServer.State.Dps.OAuth2.Mint(_issuer, "consumer-cp", TimeSpan.FromMinutes(5));

    private static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)> SendAsync(
        DpsHarness harness, string path, string? body, string? token = null, string? apiKey = null)
    {
        using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        using var response = await harness.Signaling.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone(), response.Headers);
    }

    /// <summary>A well-formed RS256 token from a key the token server never published.</summary>
    private static string ForeignKey()
    {
        using var rsa = RSA.Create(2048);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Claims = new Dictionary<string, object> { ["sub"] = "consumer-cp" },
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "foreign" }, SecurityAlgorithms.RsaSha256),
        });
    }

    [Test]
    public async Task ShouldAnswer401AndCreateNoFlow_ForEveryCallWithoutATokenItAccepts()
    {
        await using var harness = await StartAsync();
        var refused = new Dictionary<string, string?>
        {
            ["no token"] = null,
            ["not a JWT"] = "not-a-jwt",
            ["signed by a foreign key"] = ForeignKey(),
            ["expired"] = _tokenServer.State.Dps.OAuth2.Mint(_issuer, "consumer-cp", TimeSpan.FromMinutes(-5)),
            ["another issuer"] = _tokenServer.State.Dps.OAuth2.Mint("https://elsewhere.example", "consumer-cp", TimeSpan.FromMinutes(5)),
        };

        var answers = new Dictionary<string, (HttpStatusCode, JsonElement, HttpResponseHeaders)>();
        foreach (var (name, token) in refused)
        {
            answers[name] = await SendAsync(harness, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-refused"), token);
        }

        var withApiKey = await SendAsync(harness, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-refused"), apiKey: Support.Hosting.ServiceHarness.ClientKey);
        var status = await SendAsync(harness, "/signaling/dataflows/flow-refused/status", null, Valid());

        Assert.Multiple(() =>
        {
            foreach (var (name, (code, body, headers)) in answers.Append(KeyValuePair.Create("client API key", withApiKey)))
            {
                Assert.That(code, Is.EqualTo(HttpStatusCode.Unauthorized), name);
                Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"), name);
                Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(401), name);
                Assert.That(headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), name);
            }

            Assert.That(status.Status, Is.EqualTo(HttpStatusCode.NotFound), "no refused prepare created the flow");
        });
    }

    [Test]
    public async Task ShouldFollowTheFlow_WithAValidToken_AndLeaveItAsItWas_WhenATokenIsRefused()
    {
        await using var harness = await StartAsync();

        var prepared = await SendAsync(harness, "/signaling/dataflows/prepare", BadSignalingCatalog.Prepare("flow-1"), Valid());
        var started = await SendAsync(harness, "/signaling/dataflows/flow-1/started", BadSignalingCatalog.Started(), Valid());
        var refusedTerminate = await SendAsync(harness, "/signaling/dataflows/flow-1/terminate", "{\"messageId\":\"m\",\"reason\":\"r\"}", ForeignKey());
        var refusedSuspend = await SendAsync(harness, "/signaling/dataflows/flow-1/suspend", "{\"messageId\":\"m\"}");
        var status = await SendAsync(harness, "/signaling/dataflows/flow-1/status", null, Valid());

        Assert.Multiple(() =>
        {
            Assert.That(prepared.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(started.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(refusedTerminate.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(refusedSuspend.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(status.Body.GetProperty("state").GetString(), Is.EqualTo("STARTED"), "the refused calls changed nothing");
        });
        Assert.That(harness.Service.Logs.Lines.Where(l => l.Contains("secret-token", StringComparison.Ordinal) || l.Contains("eyJ", StringComparison.Ordinal)), Is.Empty, "no token in the logs");
    }
}
