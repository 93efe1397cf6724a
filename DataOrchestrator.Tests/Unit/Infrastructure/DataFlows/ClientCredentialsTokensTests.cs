using System.Net;
using System.Text;
using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Infrastructure.DataFlows;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Infrastructure.DataFlows;

public sealed class ClientCredentialsTokensTests
{
    private const string Secret = "the-client-secret";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly TokenEndpoint _endpoint = new();

    private static IOptions<DataPlaneOptions> Settings() => Options.Create(new DataPlaneOptions
    {
        Id = "do-1",
        Auth = "oauth2",
        OAuth2 = new DataPlaneOAuth2Options { TokenEndpoint = "https://idp.example/token", ClientSecret = Secret, JwksUri = "https://idp.example/jwks" },
    });

    private ClientCredentialsTokens Tokens()
    {
        var factory = new Mock<IHttpClientFactory>();
        factory.Setup(f => f.CreateClient(ClientCredentialsTokens.HttpClientName)).Returns(() => new HttpClient(_endpoint, disposeHandler: false));
        return new ClientCredentialsTokens(factory.Object, Settings(), _clock);
    }

    [Test]
    public async Task ShouldAskWithTheClientCredentialsInTheFormBody_AndFetchOnce_ForManyCallsAtOnce()
    {
        using var tokens = Tokens();
        _endpoint.Delay = TimeSpan.FromMilliseconds(50);

        var got = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => tokens.GetAsync(CancellationToken.None)));

        Assert.Multiple(() =>
        {
            Assert.That(got.Distinct(), Is.EqualTo(new[] { "token-1" }));
            Assert.That(_endpoint.Requests, Has.Count.EqualTo(1));
            Assert.That(_endpoint.Requests[0], Does.Contain("grant_type=client_credentials").And.Contain("client_id=do-1").And.Contain($"client_secret={Secret}"));
        });
    }

    [Test]
    public async Task ShouldReuseTheToken_UntilShortlyBeforeItExpires()
    {
        using var tokens = Tokens();
        _endpoint.ExpiresIn = 300;

        var first = await tokens.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(269));
        var stillFirst = await tokens.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var second = await tokens.GetAsync(CancellationToken.None);

        Assert.That(new[] { first, stillFirst, second }, Is.EqualTo(new[] { "token-1", "token-1", "token-2" }));
    }

    [Test]
    public async Task ShouldFetchANewToken_OnceTheOldOneWasRejected()
    {
        using var tokens = Tokens();
        var first = await tokens.GetAsync(CancellationToken.None);

        tokens.Invalidate("some-other-token");
        var same = await tokens.GetAsync(CancellationToken.None);
        tokens.Invalidate(first);
        var renewed = await tokens.GetAsync(CancellationToken.None);

        Assert.That(new[] { same, renewed }, Is.EqualTo(new[] { "token-1", "token-2" }));
    }

    [Test]
    public void ShouldFailWithTheOAuth2ErrorAndNoSecret_WhenTheTokenEndpointRefuses()
    {
        using var tokens = Tokens();
        _endpoint.Refuse = true;

        var failure = Assert.ThrowsAsync<SignalingCallbackException>(() => tokens.GetAsync(CancellationToken.None));

        Assert.That(failure!.Message, Does.Contain("HTTP 401 (invalid_client)").And.Not.Contain(Secret));
    }

    [Test]
    public async Task ShouldSendTheTokenOnCallbacks_AndRetryOnceWithANewOne_WhenTheControlPlaneAnswers401()
    {
        using var tokens = Tokens();
        var controlPlane = new ControlPlane { RejectFirst = true };
        using var client = new HttpClient(new SignalingTokenHandler(tokens, Settings()) { InnerHandler = controlPlane });

        using var response = await client.PostAsync(new Uri("https://cp.example/api/signaling/transfers/t-1/dataflow/completed"), new StringContent("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(controlPlane.Seen, Is.EqualTo(new[] { "Bearer token-1", "Bearer token-2" }));
        });
    }

    [Test]
    public async Task ShouldSendNoToken_WithoutOAuth2()
    {
        using var tokens = Tokens();
        var controlPlane = new ControlPlane();
        using var client = new HttpClient(new SignalingTokenHandler(tokens, Options.Create(new DataPlaneOptions())) { InnerHandler = controlPlane });

        using var response = await client.PostAsync(new Uri("https://cp.example/api/signaling/transfers/t-1/dataflow/completed"), new StringContent("{}"));

        Assert.Multiple(() =>
        {
            Assert.That(controlPlane.Seen, Is.EqualTo(new[] { "(none)" }));
            Assert.That(_endpoint.Requests, Is.Empty);
        });
    }

    /// <summary>A token endpoint: numbered tokens, or 401 invalid_client.</summary>
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        private int _issued;

        public List<string> Requests { get; } = [];

        public TimeSpan Delay { get; set; }

        public int ExpiresIn { get; set; } = 3600;

        public bool Refuse { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Requests)
            {
                Requests.Add(body);
            }

            await Task.Delay(Delay, cancellationToken);
            var json = Refuse
                ? """{"error":"invalid_client"}"""
                : $$"""{"access_token":"token-{{Interlocked.Increment(ref _issued)}}","token_type":"Bearer","expires_in":{{ExpiresIn}}}""";
            return new HttpResponseMessage(Refuse ? HttpStatusCode.Unauthorized : HttpStatusCode.OK)
            {
                Content = new StringContent(json, Encoding.UTF8, "application/json"),
            };
        }
    }

    /// <summary>A control plane that records the Authorization header, answering 401 to the first call when asked.</summary>
    private sealed class ControlPlane : HttpMessageHandler
    {
        public List<string> Seen { get; } = [];

        public bool RejectFirst { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Seen.Add(request.Headers.Authorization?.ToString() ?? "(none)");
            var reject = RejectFirst && Seen.Count == 1;
            return Task.FromResult(new HttpResponseMessage(reject ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
        }
    }
}
