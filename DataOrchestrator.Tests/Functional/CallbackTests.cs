using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Tests.Support.Callbacks;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// Completion callbacks end to end: the real service POSTs to a real receiver on loopback, which checks the signature
/// itself. The poll interval is a minute, so a prompt delivery can only come from the finishing save's wake-up.
/// </summary>
public sealed class CallbackTests
{
    public const string Secret = "callback-secret-for-tests-5d1e";

    private CallbackReceiver _receiver = null!;

    [SetUp]
    public async Task SetUp() => _receiver = await CallbackReceiver.StartAsync(Secret);

    [TearDown]
    public async Task TearDown() => await _receiver.DisposeAsync();

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Callbacks:Secret"] = Secret,
            ["Callbacks:InitialDelaySeconds"] = "0.05",
            ["Callbacks:MaxDelaySeconds"] = "0.2",
            ["Callbacks:TimeoutSeconds"] = "2",
            ["Callbacks:MaxAttempts"] = "4",
            ["Callbacks:PollIntervalMs"] = "60000",
        };
        foreach (var (key, value) in overrides)
        {
            settings[key] = value;
        }

        return settings;
    }

    internal static object Request(ServiceHarness harness, string? callbackUrl, params string[] contractIds) => new
    {
        data = contractIds.Select(c => new
        {
            type = "edc-asset",
            counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
            contractId = c,
            connectorId = "did:web:provider-identityhub:7083:provider",
        }).ToArray(),
        connectorAddress = harness.Simulator.ConnectorAddress,
        callbackUrl,
    };

    internal static JsonElement Callback(JsonElement entry) => entry.GetProperty("callback");

    internal static string? CallbackState(JsonElement entry) =>
        Callback(entry).ValueKind == JsonValueKind.Object ? Callback(entry).GetProperty("state").GetString() : null;

    private static string WithoutCallback(JsonNode entry)
    {
        var copy = entry.DeepClone().AsObject();
        copy.Remove("callback");
        return copy.ToJsonString();
    }

    [Test]
    public async Task ShouldPostTheSignedStatusEntryOnce_AndShowItDelivered_WhenTheOrchestrationFinishes()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a", "b"));

        var entry = await harness.WaitUntilAsync(id, e => CallbackState(e) == "DELIVERED");
        await harness.StopCallbacksAsync();

        var received = _receiver.Received.Single();
        var body = JsonNode.Parse(received.Body)!;
        var shown = JsonNode.Parse(entry.GetRawText())!;
        var logs = string.Join('\n', harness.Logs.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(received.Path, Is.EqualTo(CallbackReceiver.HookPath));
            Assert.That(received.SignatureValid, Is.True, "X-Signature verifies over the received bytes");
            Assert.That(received.Header("Content-Type"), Is.EqualTo("application/json"));
            Assert.That(received.Header("X-Callback-Id"), Is.EqualTo(id));
            Assert.That(received.Header("X-Callback-Attempt"), Is.EqualTo("1"));
            Assert.That(WithoutCallback(body), Is.EqualTo(WithoutCallback(shown)), "the body is the status entry");
            Assert.That(body["process_status"]!.GetValue<string>(), Is.EqualTo("COMPLETED"));
            Assert.That(body["callback"]!["state"]!.GetValue<string>(), Is.EqualTo("PENDING"), "as it stood while being sent");
            Assert.That(body["callback"]!["attempts"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(Callback(entry).GetProperty("url").GetString(), Is.EqualTo(_receiver.Url));
            Assert.That(Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(1));
            Assert.That(Callback(entry).GetProperty("last_error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Callback(entry).GetProperty("delivered_at").GetString(), Does.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$"));
            Assert.That(logs, Does.Contain("delivered on attempt 1"));
            Assert.That(logs, Does.Not.Contain(Secret), "the secret is never logged");
        });
    }

    [Test]
    public async Task ShouldDeliverWithinMilliseconds_OfTheFinishingSave()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a"));

        var received = (await _receiver.WaitForAsync(1)).Single();
        var finishedAt = DateTimeOffset.Parse(
            (await harness.GetEntryAsync(id)).GetProperty("updated_at").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        // Milliseconds when idle; the bound leaves room for a loaded machine and is still far below the one-minute poll.
        Assert.That(received.ReceivedAt - finishedAt, Is.LessThan(TimeSpan.FromSeconds(5)), "woken by the save, not by the poll");
    }

    [Test]
    public async Task ShouldRetryWithTheSameCallbackId_AndDeliverOnTheThirdAttempt_WhenTheReceiverFailsTwice()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        _receiver.Script(CallbackReply.Status(500), CallbackReply.Drop);
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a"));

        var entry = await harness.WaitUntilAsync(id, e => CallbackState(e) == "DELIVERED");
        await harness.StopCallbacksAsync();

        var received = _receiver.Received;
        Assert.Multiple(() =>
        {
            Assert.That(received, Has.Count.EqualTo(3));
            Assert.That(received.Select(r => r.Header("X-Callback-Id")), Is.All.EqualTo(id));
            Assert.That(received.Select(r => r.Header("X-Callback-Attempt")), Is.EqualTo(new[] { "1", "2", "3" }));
            Assert.That(received.Select(r => r.SignatureValid), Is.All.True);
            Assert.That(received[1].ReceivedAt - received[0].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(45)), "backoff after attempt 1: 0.05 s");
            Assert.That(received[2].ReceivedAt - received[1].ReceivedAt, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(95)), "backoff after attempt 2: 0.1 s");
            Assert.That(Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(3));
            Assert.That(Callback(entry).GetProperty("last_error").GetString(), Does.StartWith("HttpRequestException"), "the dropped connection");
            Assert.That(Callback(entry).GetProperty("delivered_at").ValueKind, Is.EqualTo(JsonValueKind.String));
        });
    }

    [Test]
    public async Task ShouldRetry_WhenTheReceiverDoesNotAnswerWithinTheTimeout()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings(("Callbacks:TimeoutSeconds", "0.3")));
        _receiver.Script(CallbackReply.Hang);
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a"));

        var entry = await harness.WaitUntilAsync(id, e => CallbackState(e) == "DELIVERED");

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Received, Has.Count.EqualTo(2));
            Assert.That(Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(2));
            Assert.That(Callback(entry).GetProperty("last_error").GetString(), Is.EqualTo("timeout after 0.3 s"));
        });
    }

    [Test]
    public async Task ShouldGiveUpAfterMaxAttempts_WithTheLastError_WhenTheReceiverAlwaysFails()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        _receiver.Default = CallbackReply.Status(503);
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a"));

        var entry = await harness.WaitUntilAsync(id, e => CallbackState(e) == "FAILED");
        await harness.StopCallbacksAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Received, Has.Count.EqualTo(4), "MaxAttempts, and not one more");
            Assert.That(Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(4));
            Assert.That(Callback(entry).GetProperty("last_error").GetString(), Is.EqualTo("HTTP 503"));
            Assert.That(Callback(entry).GetProperty("delivered_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(harness.Logs.Lines, Has.Some.Contains("giving up"));
        });
    }

    [Test]
    public async Task ShouldNotFollowARedirect_AndCountItAsAFailedAttempt()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings(("Callbacks:MaxAttempts", "2")));
        _receiver.Default = CallbackReply.Redirect("/elsewhere");
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "a"));

        var entry = await harness.WaitUntilAsync(id, e => CallbackState(e) == "FAILED");
        await harness.StopCallbacksAsync();

        Assert.Multiple(() =>
        {
            Assert.That(_receiver.Received.Select(r => r.Path), Is.EqualTo(new[] { CallbackReceiver.HookPath, CallbackReceiver.HookPath }), "never /elsewhere");
            Assert.That(Callback(entry).GetProperty("last_error").GetString(), Is.EqualTo("HTTP 302 (redirects are not followed)"));
        });
    }

    [Test]
    public async Task ShouldCallBackWithCancelled_WhenTheClientCancels()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        harness.Simulator.State.SetBehaviour("held", new() { StartDelayMs = 60_000 });
        var id = await harness.SubmitAsync(Request(harness, _receiver.Url, "held"));
        await harness.WaitUntilAsync(id, e => e.GetProperty("items")[0].GetProperty("status").GetString() == "TRANSFER_REQUESTED");

        using var cancel = await harness.Client.PostAsync($"/orchestrate/{id}/cancel", null);
        var received = (await _receiver.WaitForAsync(1, TimeSpan.FromSeconds(5))).Single();

        Assert.Multiple(() =>
        {
            Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
            Assert.That(received.Header("X-Callback-Id"), Is.EqualTo(id));
            Assert.That(JsonDocument.Parse(received.Body).RootElement.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
        });
    }

    [Test]
    public async Task ShouldCallNobody_AndShowNoCallback_WhenTheRequestNamesNone()
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());
        var id = await harness.SubmitAsync(Request(harness, null, "a"));

        var entry = await harness.WaitForFinalAsync(id);
        await harness.StopCallbacksAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Callback(entry).ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(_receiver.Received, Is.Empty);
        });
    }

    [TestCase("not a url", "Not a valid URL")]
    [TestCase("ftp://client.example/cb", "Not a valid URL")]
    [TestCase("https://user:password@client.example/cb", "user information")]
    public async Task ShouldAnswer400InTheErrorEnvelope_ForAnUnusableCallbackUrl(string url, string message)
    {
        await using var harness = await ServiceHarness.StartAsync(Settings());

        var (status, body) = await PostAsync(harness, Request(harness, url, "a"));

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(400));
            Assert.That(body.GetProperty("details").GetProperty("callbackUrl")[0].GetString(), Does.Contain(message));
        });
    }

    [Test]
    public async Task ShouldAnswer400_AndStoreNothing_ForACallbackUrl_WhenNoSecretIsConfigured()
    {
        await using var harness = await ServiceHarness.StartAsync();

        var (status, body) = await PostAsync(harness, Request(harness, _receiver.Url, "a"));
        var listed = await harness.Client.GetFromJsonAsync<JsonElement>("/status");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(body.GetProperty("details").GetProperty("callbackUrl")[0].GetString(), Is.EqualTo(CallbackUrlPolicy.Disabled));
            Assert.That(listed.GetProperty("response").GetProperty("orchestration_processes").EnumerateObject(), Is.Empty);
        });
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(ServiceHarness harness, object request)
    {
        using var response = await harness.PostAsync(request);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }
}
