using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Unit.Domain.Orchestrations;

public sealed class OrchestrationItemRetryTests
{
    private static OrchestrationItem Failed(string message) =>
        OrchestrationBuilder.Item(0, ItemStatus.Failed) with { Error = ItemError.Of(ItemErrorCodes.EdcRequestRejected, message) };

    [Test]
    public void ShouldKeepTheAgreement_AndDropTheTransfer_WhenAnItemWithAnAgreementIsRetried()
    {
        var item = Failed("rejected") with
        {
            NegotiationId = "cn-1", TransferId = "tp-1", TransferAttemptKey = "key-1", EdrReused = true, StoragePath = "./data/x",
            Bytes = 3, BytesDownloaded = 3, BytesTotal = 3, Sha256 = "ab", Attempts = 2, FinishedAt = OrchestrationBuilder.CreatedAt,
        };

        var retried = item.Retry();

        Assert.Multiple(() =>
        {
            Assert.That(retried.Status, Is.EqualTo(ItemStatus.Queued));
            Assert.That(retried.Error, Is.Null);
            Assert.That(retried.PreviousErrors.Single().Message, Is.EqualTo("rejected"));
            Assert.That(retried.Attempts, Is.EqualTo(2), "the pipeline counts the next run");
            Assert.That((retried.ContractId, retried.NegotiationId), Is.EqualTo((item.ContractId, "cn-1")));
            Assert.That(new object?[] { retried.TransferId, retried.TransferAttemptKey, retried.StoragePath, retried.Bytes, retried.BytesDownloaded, retried.BytesTotal, retried.Sha256, retried.FinishedAt }, Has.All.Null);
            Assert.That(retried.EdrReused, Is.False);
        });
    }

    [Test]
    public void ShouldNegotiateAndLookUpTheCatalogAgain_WhenAnItemWithoutAnAgreementIsRetried()
    {
        var item = Failed("negotiation terminated") with
        {
            ContractId = null, NegotiationId = "cn-1", Offer = new ContractOffer("o-1", "a-1", "{}"), Catalog = new CatalogLookup("a-1", null),
        };

        var retried = item.Retry();

        Assert.Multiple(() =>
        {
            Assert.That(retried.NegotiationId, Is.Null, "the failed negotiation would only be waited for again");
            Assert.That(retried.Offer, Is.Null, "the catalog is asked again");
            Assert.That(retried.Catalog, Is.EqualTo(item.Catalog));
        });
    }

    [Test]
    public void ShouldKeepTheTenNewestErrors_WhenRetriedMoreOften()
    {
        var item = Failed("0");
        for (var round = 1; round <= 12; round++)
        {
            item = item.Retry() with { Status = ItemStatus.Failed, Error = ItemError.Of(ItemErrorCodes.EdcRequestRejected, round.ToString(System.Globalization.CultureInfo.InvariantCulture)) };
        }

        Assert.That(item.PreviousErrors.Select(e => e.Message), Is.EqualTo(new[] { "11", "10", "9", "8", "7", "6", "5", "4", "3", "2" }));
    }
}
