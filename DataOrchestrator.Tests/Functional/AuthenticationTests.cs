using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataOrchestrator.Tests.Functional;

public sealed class AuthenticationTests
{
    private ServiceHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ServiceHarness.StartAsync();

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    private static IEnumerable<(string Method, string Path)> Endpoints()
    {
        yield return ("POST", "/orchestrate");
        yield return ("GET", "/status");
        yield return ("GET", "/status/summary");
        yield return ("GET", $"/status/{Guid.NewGuid()}");
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong-key")]
    [TestCase(ServiceHarness.EdcKey)]
    public async Task ShouldAnswer403InEnvelope_WithoutAValidClientKey(string? key)
    {
        using var client = _harness.CreateClient();
        foreach (var (method, path) in Endpoints())
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (key is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            }

            if (method == "POST")
            {
                request.Content = JsonContent.Create(_harness.ExampleRequest("a"));
            }

            using var response = await client.SendAsync(request);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), $"{method} {path}");
                Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
                Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(403));
            });
        }

        Assert.That(_harness.Simulator.State.Calls, Is.Empty, "nothing was started");
    }

    [Test]
    public async Task ShouldAcceptEdcApiKeyFromClients_WhenNoClientKeysAreConfigured()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Auth:ApiKeys"] = "" });
        using var client = harness.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", ServiceHarness.EdcKey);

        using var response = await client.GetAsync("/status");

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(harness.Logs.Lines, Has.Some.Contains("API_KEYS is not set"));
        });
    }

    [Test]
    public async Task ShouldAcceptAClientKey_WhenOnlyItsSha256IsConfigured()
    {
        const string key = "hashed-client-key-5c1e";
        var configured = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Auth:ApiKeys"] = $"{ServiceHarness.ClientKey}, {configured}" });
        using var hashed = harness.CreateClient(key);
        using var entry = harness.CreateClient(configured);

        using var accepted = await hashed.GetAsync("/status");
        using var plain = await harness.Client.GetAsync("/status");
        using var refused = await entry.GetAsync("/status");

        var configuration = harness.Factory.Services.GetRequiredService<IConfiguration>().AsEnumerable().Select(setting => setting.Value ?? string.Empty);
        Assert.Multiple(() =>
        {
            Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the key whose hash is configured");
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a plain key in the same list");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the configured entry is not itself a key");
            Assert.That(configuration, Has.None.Contains(key), "the key's plain text is nowhere in the configuration");
        });
    }

    [Test]
    public async Task ShouldAnswerLivenessProbe_WithoutAKey()
    {
        using var client = _harness.CreateClient();
        using var response = await client.GetAsync("/health/live");
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        });
    }

    [Test]
    public async Task ShouldServeOpenApiDocumentAndSwaggerUi_WithTheApiKeyScheme()
    {
        using var client = _harness.CreateClient();
        using var document = await client.GetAsync("/swagger/v1/swagger.json");
        var root = JsonDocument.Parse(await document.Content.ReadAsStringAsync()).RootElement;
        using var ui = await client.GetAsync("/swagger/index.html");

        Assert.Multiple(() =>
        {
            Assert.That(document.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(root.GetProperty("paths").EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "/orchestrate", "/status", "/status/{orchestration_id}" }));
            var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
            Assert.That(scheme.GetProperty("name").GetString(), Is.EqualTo("X-Api-Key"));
            var post = root.GetProperty("paths").GetProperty("/orchestrate").GetProperty("post").GetProperty("responses");
            Assert.That(post.EnumerateObject().Select(p => p.Name), Is.SupersetOf(new[] { "200", "400", "403", "413", "415", "429", "500", "503" }));
            Assert.That(ui.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }
}
