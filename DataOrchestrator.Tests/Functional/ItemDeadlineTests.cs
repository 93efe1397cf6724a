using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>The per-item deadline: whatever step an item is in, it ends by then, and its transfer is terminated.</summary>
public sealed class ItemDeadlineTests
{
    [Test]
    public async Task ShouldFailTheItemAndTerminateItsTransfer_WhenItOutlivesItsDeadline()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ItemDeadlineSeconds"] = "3" });
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 30_000 });
        var started = DateTime.UtcNow;

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(harness.ExampleRequest("slow", "quick")));

        var items = entry.GetProperty("items");
        var error = items[0].GetProperty("error");
        var transfers = harness.Simulator.State.Transfers.ToDictionary(t => t.ContractId);
        Assert.Multiple(() =>
        {
            Assert.That(DateTime.UtcNow - started, Is.LessThan(TimeSpan.FromSeconds(9)), "the deadline, not the start timeout (10 s), ended it");
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(ItemErrorCodes.ItemDeadlineExceeded));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("wait for the transfer to start"));
            Assert.That(transfers["slow"].TerminationReason, Is.EqualTo(TransferTerminator.DeadlineReason));
            Assert.That(items[1].GetProperty("status").GetString(), Is.EqualTo("SAVED"), "other items are not affected");
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
        });
    }
}
