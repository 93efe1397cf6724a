using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Callbacks;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// POST /orchestrate/{id}/retry through the real API against the EDC simulator: an agreement whose transfer is rejected
/// once (the behaviour is then removed) fails its item; the retry runs it again to SAVED with its history kept.
/// </summary>
public sealed class RetryTests
{
    private static readonly TimeSpan Promptly = TimeSpan.FromSeconds(10);
    private CallbackReceiver _receiver = null!;

    [SetUp]
    public async Task SetUp() => _receiver = await CallbackReceiver.StartAsync(CallbackTests.Secret);

    [TearDown]
    public async Task TearDown() => await _receiver.DisposeAsync();

    internal static JsonElement[] Items(JsonElement entry) => entry.GetProperty("items").EnumerateArray().ToArray();

    internal static string? Status(JsonElement item) => item.GetProperty("status").GetString();

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> RetryAsync(ServiceHarness harness, string orchestrationId, object? body = null)
    {
        using var response = body is null
            ? await harness.Client.PostAsync($"/orchestrate/{orchestrationId}/retry", null)
            : await harness.Client.PostAsJsonAsync($"/orchestrate/{orchestrationId}/retry", body);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    /// <summary>Item 0 ("flaky") fails, item 1 ("good") is saved; the orchestration ends PARTIALLY_COMPLETED.</summary>
    internal static async Task<(string Id, JsonElement Entry)> FailOneItemAsync(ServiceHarness harness, string? callbackUrl = null)
    {
        harness.Simulator.State.SetBehaviour("flaky", new() { RejectTransfer = new() });
        var id = await harness.SubmitAsync(CallbackTests.Request(harness, callbackUrl, "flaky", "good"));
        var entry = await harness.WaitForFinalAsync(id, Promptly);
        Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"), entry.ToString());
        harness.Simulator.State.RemoveBehaviour("flaky");
        return (id, entry);
    }

    /// <summary>The retried item is SAVED on its second attempt with the first error kept; the saved item is untouched.</summary>
    internal static void AssertRetriedToSaved(JsonElement before, JsonElement after)
    {
        var (failed, saved) = (Items(before)[0], Items(before)[1]);
        var (retried, kept) = (Items(after)[0], Items(after)[1]);
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(Status(retried), Is.EqualTo("SAVED"));
            Assert.That(retried.GetProperty("attempts").GetInt32(), Is.EqualTo(2));
            Assert.That(retried.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(retried.GetProperty("previous_errors").GetArrayLength(), Is.EqualTo(1));
            Assert.That(retried.GetProperty("previous_errors")[0].ToString(), Is.EqualTo(failed.GetProperty("error").ToString()), "the first round's error, as it was");
            Assert.That(retried.GetProperty("contract_id").GetString(), Is.EqualTo("flaky"));
            Assert.That(retried.GetProperty("storage_path").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(kept.ToString(), Is.EqualTo(saved.ToString()), "the SAVED item stays as it was");
        });
    }

    private static void AssertError(HttpStatusCode status, JsonElement body, HttpStatusCode expected, string message)
    {
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(expected), body.ToString());
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo((int)expected));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo(message));
        });
    }

    [Test]
    public async Task ShouldRunAFailedItemAgainToSaved_WithItsAttemptsAndPreviousErrors_WhenRetried()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (id, before) = await FailOneItemAsync(harness);

        var (status, body) = await RetryAsync(harness, id);

        var answered = body.GetProperty("response").GetProperty("orchestration_processes").GetProperty(id);
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(202));
            Assert.That(answered.GetProperty("process_status").GetString(), Is.EqualTo("QUEUED"), "re-derived from the items");
            Assert.That(Status(Items(answered)[0]), Is.EqualTo("QUEUED"));
            Assert.That(Items(answered)[0].GetProperty("transfer_id").ValueKind, Is.EqualTo(JsonValueKind.Null), "a new transfer is started");
            Assert.That(Items(answered)[0].GetProperty("finished_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        var after = await harness.WaitForFinalAsync(id, Promptly);
        AssertRetriedToSaved(before, after);
        Assert.That(harness.Simulator.State.Transfers.Count(t => t.ContractId == "flaky"), Is.EqualTo(1), "the rejected start made no transfer; the retry made one");
    }

    [Test]
    public async Task ShouldRetryOnlyTheNamedItems_WhenTheBodyNamesThem()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("f1", new() { RejectTransfer = new() });
        harness.Simulator.State.SetBehaviour("f2", new() { RejectTransfer = new() });
        var id = await harness.SubmitAsync(CallbackTests.Request(harness, null, "f1", "f2"));
        await harness.WaitForFinalAsync(id, Promptly);
        harness.Simulator.State.RemoveBehaviour("f1");
        harness.Simulator.State.RemoveBehaviour("f2");

        var (status, body) = await RetryAsync(harness, id, new { items = new object[] { 1 } });

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        var after = await harness.WaitForFinalAsync(id, Promptly);
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(Items(after).Select(Status), Is.EqualTo(new[] { "FAILED", "SAVED" }));
            Assert.That(Items(after)[0].GetProperty("attempts").GetInt32(), Is.EqualTo(1), "not retried");
        });
    }

    [Test]
    public async Task ShouldAnswer409_WhenTheOrchestrationIsStillRunning_AndRetryItOnceCancelled()
    {
        await using var harness = await ServiceHarness.StartAsync();
        harness.Simulator.State.SetBehaviour("held", new() { StartDelayMs = 60_000 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("held"));
        await harness.WaitUntilAsync(id, e => Status(Items(e)[0]) == "TRANSFER_REQUESTED");

        var (status, body) = await RetryAsync(harness, id);
        AssertError(status, body, HttpStatusCode.Conflict, "Orchestration still running");

        using (var cancel = await harness.Client.PostAsync($"/orchestrate/{id}/cancel", null))
        {
            Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        }

        var cancelled = await harness.WaitForFinalAsync(id, Promptly);
        Assert.That(cancelled.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
        harness.Simulator.State.RemoveBehaviour("held");

        (status, body) = await RetryAsync(harness, id);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        var after = await harness.WaitForFinalAsync(id, Promptly);
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), "the cancel of the first round does not stop the retry");
            Assert.That(Items(after)[0].GetProperty("previous_errors")[0].GetProperty("code").GetString(), Is.EqualTo("CANCELLED"));
        });
    }

    [Test]
    public async Task ShouldAnswer409_WhenThereIsNothingToRetry()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (id, _) = await FailOneItemAsync(harness);

        var (savedOnly, savedOnlyBody) = await RetryAsync(harness, id, new { items = new object[] { 1 } });
        AssertError(savedOnly, savedOnlyBody, HttpStatusCode.Conflict, "Nothing to retry");

        var completed = await harness.SubmitAsync(harness.ExampleRequest("fine"));
        await harness.WaitForFinalAsync(completed, Promptly);
        var (status, body) = await RetryAsync(harness, completed);
        AssertError(status, body, HttpStatusCode.Conflict, "Nothing to retry");
        Assert.That(body.GetProperty("details").GetProperty("process_status")[0].GetString(), Is.EqualTo("COMPLETED"));
    }

    [Test]
    public async Task ShouldAnswer400NamingThem_AndChangeNothing_WhenItemsAreUnknown()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var (id, before) = await FailOneItemAsync(harness);
        var transferId = Items(before)[1].GetProperty("transfer_id").GetString();

        var (status, body) = await RetryAsync(harness, id, new { items = new object[] { "no-such-transfer", 7, 0, transferId! } });

        AssertError(status, body, HttpStatusCode.BadRequest, "Invalid request format");
        var message = body.GetProperty("details").GetProperty("items")[0].GetString();
        Assert.Multiple(() =>
        {
            Assert.That(message, Does.Contain("no-such-transfer").And.Contain("7"));
            Assert.That(message, Does.Not.Contain(transferId!), "a known transfer id is not named");
        });
        Assert.That((await harness.GetEntryAsync(id)).ToString(), Is.EqualTo(before.ToString()), "nothing changed");
    }

    [Test]
    public async Task ShouldAnswer503WithRetryAfter_AndChangeNothing_WhenTheQueueHasNoRoom()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "1",
            ["Workers:QueueCapacity"] = "2",
            ["Limits:MaxItemsPerRequest"] = "2",
        });
        harness.Simulator.State.SetBehaviour("f1", new() { RejectTransfer = new() });
        harness.Simulator.State.SetBehaviour("f2", new() { RejectTransfer = new() });
        var id = await harness.SubmitAsync(CallbackTests.Request(harness, null, "f1", "f2"));
        var before = await harness.WaitForFinalAsync(id, Promptly);
        harness.Simulator.State.SetBehaviour("held", new() { StartDelayMs = 60_000 });
        var held = await harness.SubmitAsync(harness.ExampleRequest("held"));
        await harness.WaitUntilAsync(held, e => Status(Items(e)[0]) == "TRANSFER_REQUESTED");
        await harness.SubmitAsync(harness.ExampleRequest("waiting"));

        using var response = await harness.Client.PostAsync($"/orchestrate/{id}/retry", null);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        AssertError(response.StatusCode, body, HttpStatusCode.ServiceUnavailable, "Service at capacity, retry later");
        Assert.Multiple(async () =>
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That((await harness.GetEntryAsync(id)).ToString(), Is.EqualTo(before.ToString()), "nothing changed");
        });
    }

    [Test]
    public async Task ShouldAnswer404_WhenTheOrchestrationIsUnknown()
    {
        await using var harness = await ServiceHarness.StartAsync();

        var (status, body) = await RetryAsync(harness, Guid.NewGuid().ToString());

        AssertError(status, body, HttpStatusCode.NotFound, "Orchestration not found");
    }

    [Test]
    public async Task ShouldSendTheCallbackAgainWithANewCallbackId_WhenARetriedOrchestrationFinishes()
    {
        await using var harness = await ServiceHarness.StartAsync(CallbackTests.Settings());
        var (id, _) = await FailOneItemAsync(harness, _receiver.Url);
        var first = await _receiver.WaitForAsync(1);

        var (status, body) = await RetryAsync(harness, id);
        Assert.That(status, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());

        var received = await _receiver.WaitForAsync(2);
        var entry = await harness.WaitUntilAsync(id, e => CallbackTests.CallbackState(e) == "DELIVERED");
        Assert.Multiple(() =>
        {
            Assert.That(first[0].Header("X-Callback-Id"), Is.EqualTo(id), "round 1 keeps the orchestration id");
            Assert.That(JsonDocument.Parse(first[0].Body).RootElement.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(received[1].Header("X-Callback-Id"), Is.EqualTo(id + ".2"));
            Assert.That(received[1].Header("X-Callback-Attempt"), Is.EqualTo("1"), "a new round starts counting again");
            Assert.That(received[1].SignatureValid, Is.True);
            Assert.That(JsonDocument.Parse(received[1].Body).RootElement.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"));
            Assert.That(CallbackTests.Callback(entry).GetProperty("attempts").GetInt32(), Is.EqualTo(1));
        });
    }
}
