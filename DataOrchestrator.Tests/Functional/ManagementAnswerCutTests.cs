using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// A Management API answer reset or cut short after its headers is a failed attempt that the retry strategy repeats,
/// not a failed item: the body is read inside the resilience pipeline. A cut answer to a transfer start is the one
/// that is not repeated: the simulator (like EDC 0.17+) has started a transfer by then and would start another, so
/// the pipeline finds it by its attempt key.
/// </summary>
public sealed class ManagementAnswerCutTests
{
    [Test]
    public async Task ShouldSaveEveryItem_WhenManagementAnswersBreakOffAfterTheirHeaders()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Edc:TransientRetries"] = "6",
            ["Edc:DownloadRetryDelayMs"] = "10",
        });
        harness.Simulator.State.Faults.Configure(new FaultSetting(0.25, Seed: 7, Kinds: [nameof(FaultKind.MidBodyReset), nameof(FaultKind.ShortBody)]));
        var contracts = Enumerable.Range(0, 12).Select(i => $"cut-{i}").ToArray();

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest(contracts)), TimeSpan.FromSeconds(60));

        var cutManagementCalls = harness.Simulator.State.Calls.Count(c => c.Fault is not null && c.Path.Contains("/api/management/", StringComparison.Ordinal));
        var statuses = entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()).ToArray();
        var cutStarts = harness.Simulator.State.Calls.Count(c => c.Fault is not null && c.Method == "POST" && c.Path.EndsWith("/transferprocesses", StringComparison.Ordinal));
        var transfersPerAgreement = harness.Simulator.State.Transfers.GroupBy(t => t.ContractId).Select(g => g.Count()).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(cutManagementCalls, Is.GreaterThan(3), "the test cut management answers");
            Assert.That(cutStarts, Is.GreaterThan(0), "the test cut answers to transfer starts");
            Assert.That(statuses, Has.All.EqualTo("SAVED"), entry.ToString());
            Assert.That(transfersPerAgreement, Has.Length.EqualTo(contracts.Length).And.All.EqualTo(1), "one transfer per item, none started twice");
        });
    }
}
