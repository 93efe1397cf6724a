using System.Text.Json;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Steps;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>
/// The catalog step with the default allow-list (no ACCEPTED_POLICIES_FILE: only offers without constraints): it picks
/// the first acceptable offer, reuses the newest acceptable agreement or leaves the offer to the negotiation, and fails
/// without negotiating anything when no offer is acceptable. The EDC client is a strict mock: any call the step should
/// not make fails the test.
/// </summary>
public sealed class CatalogStepTests
{
    private const string Constrained = """{"@id":"offer-a","permission":[{"action":"use","constraint":[{"leftOperand":"purpose","operator":"eq","rightOperand":"x"}]}]}""";
    private const string Plain = """{"@id":"offer-b","permission":[{"action":"use"}],"prohibition":[],"obligation":[]}""";

    private readonly Mock<IEdcClient> _edc = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOrchestrationRepository _repository;
    private readonly RecordedMetrics _metrics = new();
    private readonly List<PipelineBuilder> _pipelines = [];
    private readonly TransferOptions _options = new();
    private CatalogOptions _catalog = new();
    private Orchestration _orchestration = null!;

    public CatalogStepTests() => _repository = new InMemoryOrchestrationRepository(_time);

    [TearDown]
    public async Task TearDown()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.DisposeAsync();
        }

        _metrics.Dispose();
    }

    [Test]
    public async Task ShouldChooseTheFirstAcceptableOffer_AndLeaveItToTheNegotiation_WhenNoAgreementIsHeld()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem().Build());
        DatasetOffers(Constrained, Plain);
        AgreementsHeld();

        var item = await RunAsync(0);

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo(ItemStatus.CatalogRequested));
            Assert.That(item.Offer?.OfferId, Is.EqualTo("offer-b"));
            Assert.That(item.Offer?.AssetId, Is.EqualTo("asset-1"));
            Assert.That(JsonDocument.Parse(item.Offer!.PolicyJson!).RootElement.GetProperty("permission")[0].GetProperty("action").GetString(), Is.EqualTo("use"));
            Assert.That(item.ContractId, Is.Null, "left to the negotiation");
            Assert.That(item.AgreementReused, Is.False);
        });
        _edc.Verify(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.Is<DatasetRequest>(r => r.AssetId == "asset-1" && r.CounterPartyId == "did:web:provider"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldReuseTheNewestAgreementWhosePolicyIsStillAcceptable_WhenTheConnectorHoldsSome()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem().Build());
        DatasetOffers(Plain);
        AgreementsHeld(
            Agreement("ag-old", 100, """{"@type":"odrl:Agreement","permission":[{"action":"use"}],"target":"asset-1","assigner":"did:web:provider"}"""),
            Agreement("ag-stale", 300, """{"@type":"odrl:Agreement","permission":[{"action":"use","constraint":{"leftOperand":"purpose","operator":"eq","rightOperand":"x"}}]}"""),
            Agreement("ag-newer", 200, """{"@type":"odrl:Agreement","odrl:permission":{"odrl:action":{"@id":"odrl:use"}},"target":"asset-1"}"""));

        var item = await RunAsync(0);

        Assert.Multiple(() =>
        {
            Assert.That(item.ContractId, Is.EqualTo("ag-newer"), "the newest of the acceptable ones; the stale one's policy is not acceptable");
            Assert.That(item.AgreementReused, Is.True);
            Assert.That(item.Offer?.OfferId, Is.EqualTo("offer-b"));
        });
    }

    [Test]
    public async Task ShouldFailWithNoAcceptableOffer_ListingTheOffers_AndAskForNothingElse_WhenEveryOfferHasConstraints()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem().Build());
        DatasetOffers(Constrained);

        var failed = Assert.ThrowsAsync<ItemFailedException>(() => RunAsync(0));

        Assert.Multiple(() =>
        {
            Assert.That(failed!.Error.Code, Is.EqualTo(ItemErrorCodes.NoAcceptableOffer));
            Assert.That(failed.Error.Message, Does.Contain("offer-a").And.Contain("purpose").And.Contain("ACCEPTED_POLICIES_FILE"));
        });
        _edc.Verify(e => e.QueryAgreementsAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldFailWithAssetNotFound_KeepingEdcsErrors_WhenTheProviderHasNoSuchDataset()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem("asset-9").Build());
        EdcError[] errors = [new("""{"@type":"dspace:CatalogError","dspace:code":"404"}""", "BadGateway", null, null)];
        _edc.Setup(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.IsAny<DatasetRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new CatalogRequestFailedException(assetNotFound: true, "HTTP 502", errors));

        var failed = Assert.ThrowsAsync<ItemFailedException>(() => RunAsync(0));

        Assert.Multiple(() =>
        {
            Assert.That(failed!.Error.Code, Is.EqualTo(ItemErrorCodes.AssetNotFound));
            Assert.That(failed.Error.EdcErrors, Is.EqualTo(errors));
        });
    }

    [Test]
    public async Task ShouldFailWithCatalogFailed_WhenEdcRejectsTheDatasetRequest()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem().Build());
        _edc.Setup(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.IsAny<DatasetRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcRequestRejectedException(400, "counterPartyId is missing", [new EdcError("counterPartyId is missing", "InvalidRequest", null, null)]));

        var failed = Assert.ThrowsAsync<ItemFailedException>(() => RunAsync(0));

        Assert.Multiple(() =>
        {
            Assert.That(failed!.Error.Code, Is.EqualTo(ItemErrorCodes.CatalogFailed));
            Assert.That(failed.Error.EdcErrors.Single().Type, Is.EqualTo("InvalidRequest"));
        });
    }

    [Test]
    public async Task ShouldLookTheDatasetUpOnce_ForItemsOfAnOrchestrationAskingForTheSameAsset()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem().WithCatalogItem().WithCatalogItem("asset-2").Build());
        DatasetOffers(Plain);
        AgreementsHeld();

        var first = await RunAsync(0);
        var second = await RunAsync(1);
        await RunAsync(2);

        Assert.That((first.Offer?.OfferId, second.Offer?.OfferId), Is.EqualTo(("offer-b", "offer-b")));
        _edc.Verify(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.Is<DatasetRequest>(r => r.AssetId == "asset-1"), It.IsAny<CancellationToken>()), Times.Once);
        _edc.Verify(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.Is<DatasetRequest>(r => r.AssetId == "asset-2"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldNotLookForAgreements_WhenTheItemOrTheServiceOptsOut()
    {
        await GivenAsync(new OrchestrationBuilder().WithCatalogItem(reuseAgreement: false).WithCatalogItem("asset-2").Build());
        _catalog = new CatalogOptions { ReuseAgreements = true };
        DatasetOffers(Plain);

        var optedOut = await RunAsync(0);
        _catalog = new CatalogOptions { ReuseAgreements = false };
        _pipelines.Add(new PipelineBuilder(_repository, _edc.Object, _metrics, _time).WithOptions(_options).WithCatalog(_catalog));
        var switchedOff = await RunAsync(1);

        Assert.That((optedOut.Offer?.OfferId, switchedOff.Offer?.OfferId), Is.EqualTo(("offer-b", "offer-b")));
        _edc.Verify(e => e.QueryAgreementsAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static HeldAgreement Agreement(string id, long signedAt, string policyJson) =>
        new(id, "asset-1", "did:web:provider", signedAt, JsonDocument.Parse(policyJson).RootElement.Clone(), null);

    private void DatasetOffers(params string[] offers) =>
        _edc.Setup(e => e.GetDatasetAsync(It.IsAny<EdcConnection>(), It.IsAny<DatasetRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EdcConnection _, DatasetRequest request, CancellationToken _) => new CatalogDataset(
                request.AssetId,
                offers.Select(json => JsonDocument.Parse(json).RootElement.Clone()).Select(p => new CatalogOffer(p.GetProperty("@id").GetString()!, p)).ToArray(),
                null));

    private void AgreementsHeld(params HeldAgreement[] agreements) =>
        _edc.Setup(e => e.QueryAgreementsAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), "did:web:provider", It.IsAny<CancellationToken>()))
            .ReturnsAsync(agreements);

    private async Task GivenAsync(Orchestration orchestration)
    {
        _orchestration = orchestration;
        await _repository.AddAsync(orchestration, CancellationToken.None);
    }

    private async Task<OrchestrationItem> RunAsync(int index)
    {
        // One builder, as one service: its dataset lookups are shared by the runs, as the service's singleton is.
        if (_pipelines.Count == 0)
        {
            _pipelines.Add(new PipelineBuilder(_repository, _edc.Object, _metrics, _time).WithOptions(_options).WithCatalog(_catalog));
        }

        var builder = _pipelines[^1];
        var item = (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[index];
        var run = new PipelineRun(_orchestration.Id, _options.ForConnector(_orchestration.ConnectorAddress));
        return await builder.Catalog.RunAsync(run, item, CancellationToken.None);
    }
}
