using System.Net;
using System.Text;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Bad input gets a clear 4xx in the original's error envelope, and changes nothing.</summary>
public sealed class MalformedRequestTests
{
    private const string Item = """{"type":"edc-asset","counterPartyAddress":"http://p/api/dsp","contractId":"c"}""";
    private const string Connector = "\"connectorAddress\":\"http://127.0.0.1:9/consumer/cp\"";

    private static readonly object[] BadBodies =
    [
        new object[] { "not json at all", "body" },
        new object[] { "{\"data\": [", "data[0]" },
        new object[] { "[]", "body" },
        new object[] { "\"a string\"", "body" },
        new object[] { "null", "body" },
        new object[] { "", "body" },
        new object[] { $"{{{Connector}}}", "data" },
        new object[] { $"{{\"data\":null,{Connector}}}", "data" },
        new object[] { $"{{\"data\":[],{Connector}}}", "data" },
        new object[] { $"{{\"data\":\"x\",{Connector}}}", "data" },
        new object[] { $"{{\"data\":{{}},{Connector}}}", "data" },
        new object[] { $"{{\"data\":[null],{Connector}}}", "data[0]" },
        new object[] { $"{{\"data\":[42],{Connector}}}", "data[0]" },
        new object[] { $"{{\"data\":[{{\"contractId\":\"c\"}}],{Connector}}}", "data[0].counterPartyAddress" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"http://p/api/dsp\"}}],{Connector}}}", "data[0].contractId" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"http://p/api/dsp\",\"contractId\":\"\"}}],{Connector}}}", "data[0].contractId" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"ftp://p/api/dsp\",\"contractId\":\"c\"}}],{Connector}}}", "data[0].counterPartyAddress" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"javascript:alert(1)\",\"contractId\":\"c\"}}],{Connector}}}", "data[0].counterPartyAddress" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":42,\"contractId\":\"c\"}}],{Connector}}}", "data[0].counterPartyAddress" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"http://p/api/dsp\",\"contractId\":[\"c\"]}}],{Connector}}}", "data[0].contractId" },
        new object[] { $"{{\"data\":[{{\"type\":\"s3\",\"counterPartyAddress\":\"http://p/api/dsp\",\"contractId\":\"c\"}}],{Connector}}}", "data[0].type" },
        new object[] { $"{{\"data\":[{Item}]}}", "connectorAddress" },
        new object[] { $"{{\"data\":[{Item}],\"connectorAddress\":\"file:///etc/passwd\"}}", "connectorAddress" },
        new object[] { $"{{\"data\":[{Item}],\"connectorAddress\":{{\"url\":\"http://x\"}}}}", "connectorAddress" },
        new object[] { $"{{\"data\":[{{\"counterPartyAddress\":\"http://p/api/dsp\",\"contractId\":\"{new string('c', 2049)}\"}}],{Connector}}}", "data[0].contractId" },
    ];

    private ServiceHarness _harness = null!;

    [SetUp]
    public async Task SetUp() => _harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Limits:MaxItemsPerRequest"] = "5" });

    [TearDown]
    public async Task TearDown() => await _harness.DisposeAsync();

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await _harness.Client.PostAsync("/orchestrate", content);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static void AssertEnvelope(JsonElement body, HttpStatusCode status)
    {
        Assert.That(body.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "message", "status", "status_code", "details" }));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
        Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo((int)status));
        Assert.That(body.GetProperty("message").GetString(), Is.Not.Empty);
        Assert.That(body.GetProperty("details").ValueKind, Is.EqualTo(JsonValueKind.Object));
    }

    private async Task AssertNothingStoredAsync()
    {
        using var response = await _harness.Client.GetAsync("/status");
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.That(root.GetProperty("response").GetProperty("orchestration_processes").EnumerateObject(), Is.Empty);
        Assert.That(_harness.Simulator.State.Calls, Is.Empty);
    }

    [TestCaseSource(nameof(BadBodies))]
    public async Task ShouldAnswer400WithFieldDetails_ForMalformedBodies(string body, string field)
    {
        var (status, response) = await SendAsync(body);

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
            AssertEnvelope(response, HttpStatusCode.BadRequest);
            Assert.That(response.GetProperty("message").GetString(), Is.EqualTo("Invalid request format"));
            Assert.That(response.GetProperty("details").TryGetProperty(field, out var messages), Is.True, $"details name '{field}': {response}");
            Assert.That(messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0, Is.True);
        });
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task ShouldUseTheOriginalsMessage_WhenDataIsMissing()
    {
        var (_, response) = await SendAsync($"{{{Connector}}}");
        Assert.That(response.GetProperty("details").GetProperty("data")[0].GetString(), Is.EqualTo("Missing data for required field."));
    }

    [Test]
    public async Task ShouldAnswer400_WhenItemsExceedTheLimit()
    {
        var (status, response) = await SendAsync($"{{\"data\":[{string.Join(',', Enumerable.Repeat(Item, 6))}],{Connector}}}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.GetProperty("details").GetProperty("data")[0].GetString(), Does.Contain("at most 5"));
        });
        await AssertNothingStoredAsync();
    }

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static string OfferWithPolicy(string policy) =>
        $"{{\"data\":[{{\"type\":\"edc-offer\",\"counterPartyAddress\":\"http://p/api/dsp\",\"counterPartyId\":\"did:web:p\",\"offerId\":\"o-1\",\"assetId\":\"asset-1\",\"policy\":{policy}}}],{Connector}}}";

    [Test]
    public async Task ShouldAnswer400InEnvelope_WhenTheBodyIsNestedDeeperThanTheLimit()
    {
        foreach (var body in new[] { Nested(100), OfferWithPolicy(Nested(100)), OfferWithPolicy(Nested(30)) })
        {
            var (status, response) = await SendAsync(body);
            Assert.Multiple(() =>
            {
                Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), response.ToString());
                AssertEnvelope(response, HttpStatusCode.BadRequest);
                Assert.That(response.GetProperty("details").GetProperty("body")[0].GetString(), Is.EqualTo("JSON nested deeper than 32 levels."));
            });
        }

        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task ShouldApplyTheConfiguredJsonDepth()
    {
        await using var strict = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Limits:MaxJsonDepth"] = "16" });
        var body = OfferWithPolicy(Nested(20));

        using var refused = await strict.Client.PostAsync("/orchestrate", new StringContent(body, Encoding.UTF8, "application/json"));
        var (accepted, _) = await SendAsync(body);

        Assert.Multiple(async () =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("JSON nested deeper than 16 levels."));
            Assert.That(accepted, Is.EqualTo(HttpStatusCode.OK), "23 levels are within the default 32");
        });
    }

    [TestCase("text/plain")]
    [TestCase("application/xml")]
    [TestCase("application/x-www-form-urlencoded")]
    public async Task ShouldAnswer415_ForOtherContentTypes(string contentType)
    {
        var (status, response) = await SendAsync($"{{\"data\":[{Item}],{Connector}}}", contentType);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
            AssertEnvelope(response, HttpStatusCode.UnsupportedMediaType);
        });
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task ShouldAnswer413_WhenBodyIsLargerThanTheLimit()
    {
        var padding = new string(' ', 1_100_000);
        var (status, response) = await SendAsync($"{{\"data\":[{Item}],{Connector}{padding}}}");
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            AssertEnvelope(response, HttpStatusCode.RequestEntityTooLarge);
        });
        await AssertNothingStoredAsync();
    }

    [Test]
    public async Task ShouldAnswer404InEnvelope_ForUnknownOrchestration()
    {
        using var response = await _harness.Client.GetAsync($"/status/{Guid.NewGuid()}");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            AssertEnvelope(body, HttpStatusCode.NotFound);
        });
    }

    [TestCase("GET", "/nowhere", HttpStatusCode.NotFound)]
    [TestCase("DELETE", "/orchestrate", HttpStatusCode.MethodNotAllowed)]
    [TestCase("GET", "/orchestrate", HttpStatusCode.MethodNotAllowed)]
    public async Task ShouldAnswerInEnvelope_ForUnknownRoutesAndMethods(string method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using var response = await _harness.Client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            AssertEnvelope(body, expected);
        });
    }
}
