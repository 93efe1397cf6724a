using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence.Postgres;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Persistence.Postgres;

/// <summary>Which saves may wait for the next progress flush: what a resume repairs, never what it needs.</summary>
public sealed class PostgresProgressWaitTests
{
    private static readonly OrchestrationItem Item = new OrchestrationBuilder().WithItem().Build().Items[0];

    [TestCase(ItemStatus.Queued, null, null, true)]
    [TestCase(ItemStatus.Queued, "key-1", null, false)]
    [TestCase(ItemStatus.Negotiated, "key-1", null, false)]
    [TestCase(ItemStatus.TransferRequested, "key-1", "tp-1", true)]
    [TestCase(ItemStatus.TransferRequested, null, "tp-1", false)]
    [TestCase(ItemStatus.TransferStarted, "key-1", "tp-1", true)]
    [TestCase(ItemStatus.Downloading, "key-1", "tp-1", true)]
    [TestCase(ItemStatus.WaitingForConnector, "key-1", null, false)]
    [TestCase(ItemStatus.Saved, "key-1", "tp-1", false)]
    [TestCase(ItemStatus.Failed, "key-1", null, false)]
    public void ShouldKeepTheKeyOfARequestAboutToLeaveDurable(ItemStatus status, string? key, string? transferId, bool mayWait)
    {
        var item = Item with { Status = status, TransferAttemptKey = key, TransferId = transferId };

        Assert.That(PostgresProgressWrites.MayWait(item), Is.EqualTo(mayWait));
    }
}
