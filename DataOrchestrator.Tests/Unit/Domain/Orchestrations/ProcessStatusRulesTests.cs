using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Unit.Domain.Orchestrations;

public sealed class ProcessStatusRulesTests
{
    private static ProcessStatus Aggregate(params ItemStatus[] statuses) => ProcessStatusRules.Aggregate(statuses);

    [Test]
    public void ShouldBeQueued_WhenNoItemStarted() =>
        Assert.That(Aggregate(ItemStatus.Queued, ItemStatus.Queued), Is.EqualTo(ProcessStatus.Queued));

    [TestCase(ItemStatus.TransferRequested, ItemStatus.Downloading, ProcessStatus.TransferRequested)]
    [TestCase(ItemStatus.DataAddressRetrieved, ItemStatus.TransferStarted, ProcessStatus.TransferStarted)]
    [TestCase(ItemStatus.Saved, ItemStatus.Downloading, ProcessStatus.Downloading)]
    [TestCase(ItemStatus.Failed, ItemStatus.DataAddressRetrieved, ProcessStatus.DataAddressRetrieved)]
    [TestCase(ItemStatus.Queued, ItemStatus.Downloading, ProcessStatus.Queued)]
    public void ShouldReportLeastAdvancedUnfinishedStage_WhileItemsRun(ItemStatus first, ItemStatus second, ProcessStatus expected) =>
        Assert.That(Aggregate(first, second), Is.EqualTo(expected));

    [Test]
    public void ShouldBeCompleted_WhenAllItemsSaved() =>
        Assert.That(Aggregate(ItemStatus.Saved, ItemStatus.Saved), Is.EqualTo(ProcessStatus.Completed));

    [Test]
    public void ShouldBePartiallyCompleted_WhenSomeSavedAndSomeFailed() =>
        Assert.That(Aggregate(ItemStatus.Saved, ItemStatus.Failed), Is.EqualTo(ProcessStatus.PartiallyCompleted));

    [Test]
    public void ShouldBeFailed_WhenNoItemSaved() =>
        Assert.That(Aggregate(ItemStatus.Failed, ItemStatus.Failed), Is.EqualTo(ProcessStatus.Failed));

    [TestCase(ItemStatus.Saved, ItemStatus.Cancelled)]
    [TestCase(ItemStatus.Failed, ItemStatus.Cancelled)]
    [TestCase(ItemStatus.Cancelled, ItemStatus.Cancelled)]
    public void ShouldBeCancelled_WhenAnyItemWasCancelled(ItemStatus first, ItemStatus second) =>
        Assert.That(Aggregate(first, second), Is.EqualTo(ProcessStatus.Cancelled));

    [Test]
    public void ShouldKeepRunning_WhileAnItemOfACancelledOrchestrationIsStillStopping() =>
        Assert.That(Aggregate(ItemStatus.Cancelled, ItemStatus.Downloading), Is.EqualTo(ProcessStatus.Downloading));

    [Test]
    public void ShouldBeQueued_WhenThereAreNoItems() =>
        Assert.That(Aggregate(), Is.EqualTo(ProcessStatus.Queued));

    [Test]
    public void ShouldAggregateAnOrchestrationsItems()
    {
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).WithItem(ItemStatus.Failed).Build();
        Assert.That(orchestration.ProcessStatus, Is.EqualTo(ProcessStatus.PartiallyCompleted));
    }

    [Test]
    public void ShouldCallOnlyTheFinalStatusesTerminal() =>
        Assert.That(
            Enum.GetValues<ProcessStatus>().Where(s => s.IsTerminal()),
            Is.EquivalentTo(new[] { ProcessStatus.Completed, ProcessStatus.PartiallyCompleted, ProcessStatus.Failed, ProcessStatus.Cancelled }));

    [Test]
    public void ShouldSpellStatusesAsTheOriginal()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ProcessStatus.DataAddressRetrieved.ToWireName(), Is.EqualTo("DATA_ADDRESS_RETRIEVED"));
            Assert.That(ProcessStatus.PartiallyCompleted.ToWireName(), Is.EqualTo("PARTIALLY_COMPLETED"));
            Assert.That(ItemStatus.TransferRequested.ToWireName(), Is.EqualTo("TRANSFER_REQUESTED"));
            Assert.That(Enum.GetValues<ItemStatus>().Select(s => s.ToWireName()), Is.Unique);
            Assert.That(Enum.GetValues<ProcessStatus>().Select(s => s.ToWireName()), Is.Unique);
        });
    }

    [Test]
    public void ShouldReplaceOnlyTheGivenItem_AndStampUpdateTime()
    {
        var orchestration = new OrchestrationBuilder().WithItem().WithItem().Build();
        var later = OrchestrationBuilder.CreatedAt.AddSeconds(3);

        var updated = orchestration.WithItem(orchestration.Items[1] with { Status = ItemStatus.TransferRequested }, later);

        Assert.Multiple(() =>
        {
            Assert.That(updated.Items[1].Status, Is.EqualTo(ItemStatus.TransferRequested));
            Assert.That(updated.Items[0], Is.SameAs(orchestration.Items[0]));
            Assert.That(orchestration.Items[1].Status, Is.EqualTo(ItemStatus.Queued), "the original snapshot is unchanged");
            Assert.That(updated.UpdatedAt, Is.EqualTo(later));
        });
    }
}
