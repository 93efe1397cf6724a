using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional.Reliability;

/// <summary>
/// Promise 2: a connector that is away for a while loses no item. Its items wait (WAITING_FOR_CONNECTOR) and go on
/// from where they stopped once it answers again.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ConnectorOutageTests
{
    [Test]
    public async Task ShouldWaitAndThenSaveEveryItem_WhenTheConnectorAnswers503ForAWhile()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:TransientRetries"] = "1",
            ["Edc:EdcUnavailableRetryDelayMs"] = "100",
        });

        // Let the transfers start, then take the connector away.
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 300 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("slow", "slow", "slow"));
        await harness.WaitUntilAsync(id, e => e.GetProperty("items").EnumerateArray().All(i => i.GetProperty("transfer_id").ValueKind == System.Text.Json.JsonValueKind.String));
        harness.Simulator.State.Faults.Configure(new FaultSetting(1.0, Seed: 1, Kinds: [nameof(FaultKind.ServiceUnavailable)]));
        var waiting = await harness.WaitUntilAsync(id, e => e.GetProperty("items").EnumerateArray().All(i => i.GetProperty("status").GetString() == "WAITING_FOR_CONNECTOR"));

        harness.Simulator.State.Faults.Configure(new FaultSetting(0));
        var entry = await harness.WaitForFinalAsync(id);

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        var transfersStarted = harness.Simulator.State.Calls.Count(c => c.Method == "POST" && c.Path.EndsWith("/transferprocesses", StringComparison.Ordinal) && c.Fault is null);
        Assert.Multiple(() =>
        {
            Assert.That(waiting.GetProperty("process_status").GetString(), Is.EqualTo("WAITING_FOR_CONNECTOR"));
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(items.Select(i => i.GetProperty("attempts").GetInt32()), Has.All.GreaterThan(1));
            Assert.That(items.Select(i => i.GetProperty("waiting_since").GetString()), Has.All.Not.Null, "it shows that the item had to wait");
            Assert.That(items.Select(i => i.GetProperty("next_attempt_at").ValueKind), Has.All.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(transfersStarted, Is.EqualTo(3), "each item went on with its own transfer; none was started twice");
        });
    }

    [Test]
    public async Task ShouldCancelAWaitingItemAtOnce()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:EdcUnavailableRetryDelayMs"] = "30000" });
        harness.Simulator.State.Faults.Configure(new FaultSetting(1.0, Seed: 1, Kinds: [nameof(FaultKind.ServiceUnavailable)]));
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        await harness.WaitUntilAsync(id, e => e.GetProperty("items")[0].GetProperty("status").GetString() == "WAITING_FOR_CONNECTOR");

        using var cancel = await harness.Client.PostAsync($"/orchestrate/{id}/cancel", null);
        var entry = await harness.WaitForFinalAsync(id, TimeSpan.FromSeconds(5));

        Assert.Multiple(() =>
        {
            Assert.That((int)cancel.StatusCode, Is.EqualTo(202));
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("CANCELLED"));
            Assert.That(entry.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("CANCELLED"));
        });
    }
}
