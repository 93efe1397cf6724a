using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.Catalog;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using DataOrchestrator.Application.Transfers.Negotiation;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Fakes;
using DataOrchestrator.Tests.Support.Metrics;
using DataOrchestrator.Tests.Support.Time;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Transfers;

/// <summary>What one pipeline run records: a duration per step that ran, data-address retries, and what it finished.</summary>
public sealed class TransferPipelineMetricsTests
{
    private readonly Mock<IEdcClient> _edc = new(MockBehavior.Strict);
    private readonly Mock<IDataPlaneClient> _dataPlane = new(MockBehavior.Strict);
    private readonly Mock<IDataStore> _store = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOrchestrationRepository _repository;
    private readonly RecordedMetrics _metrics = new();
    private readonly TransferOptions _options = new()
    {
        StatePollIntervalMs = 1, StatePollMaxIntervalMs = 2, DataAddressRetryDelayMs = 1, DataAddressMaxRetries = 3, StartTimeoutSeconds = 5, TerminateAfterDownload = false,
    };

    private Orchestration _orchestration = null!;
    private CatalogOptions _catalog = new();

    public TransferPipelineMetricsTests() => _repository = new InMemoryOrchestrationRepository(_time);

    [SetUp]
    public async Task SetUp()
    {
        _orchestration = new OrchestrationBuilder().WithItem().Build();
        await _repository.AddAsync(_orchestration, CancellationToken.None);
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("tp-1");
    }

    [TearDown]
    public void TearDown() => _metrics.Dispose();

    private async Task RunAsync()
    {
        await using var pipeline = new PipelineBuilder(_repository, _edc.Object, _metrics, _time)
            .WithDataPlane(_dataPlane.Object).WithStore(_store.Object).WithOptions(_options).WithCatalog(_catalog);
        await _time.AdvanceUntilDoneAsync(pipeline.Pipeline.RunAsync(new ItemWork(_orchestration.Id, 0), CancellationToken.None));
    }

    private string[] Stages(string outcome) =>
        _metrics.Of("dataorchestrator.stage.duration").Where(m => m["outcome"] == outcome).Select(m => m["stage"]!).ToArray();

    [Test]
    public async Task ShouldTimeEveryStep_AndCountDataAddressRetries_WhenTheItemIsSaved()
    {
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("STARTED");
        _edc.SetupSequence(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync((EndpointDataReference?)null)
            .ReturnsAsync((EndpointDataReference?)null)
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "token", "bearer"));
        await using var payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", It.IsAny<string?>(), payload.Length, It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 3, "abc")));

        await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Stages("success"), Is.EqualTo(new[] { "start_transfer", "wait_started", "retrieve_edr", "download" }), "no negotiation: the item came with an agreement");
            Assert.That(Stages("failure"), Is.Empty);
            Assert.That(_metrics.Of("dataorchestrator.retries").Select(m => m["kind"]), Is.EqualTo(new[] { "data_address", "data_address" }));
            Assert.That(_metrics.Of("dataorchestrator.items.finished").Select(m => m["status"]), Is.EqualTo(new[] { "SAVED" }));
            Assert.That(_metrics.Of("dataorchestrator.orchestrations.finished").Select(m => m["status"]), Is.EqualTo(new[] { "COMPLETED" }));
        });
    }

    [Test]
    public async Task ShouldTimeTheEdrLookUpAsReuseEdr_AndNoTransferStart_WhenTheItemReusesAHeldEdr()
    {
        _catalog = new CatalogOptions { ReuseEdrs = true };
        _edc.Setup(e => e.QueryEdrsAsync(It.IsAny<EdcConnection>(), "agreement-1", It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([new HeldEdr("tp-held", "agreement-1", null, 1)]);
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-held", It.IsAny<CancellationToken>())).ReturnsAsync("STARTED");
        _edc.Setup(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-held", It.IsAny<bool>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "token", "bearer"));
        await using var payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), It.IsAny<bool>(), It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync(It.IsAny<string>(), It.IsAny<string?>(), payload.Length, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 3, "abc")));

        await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Stages("success"), Is.EqualTo(new[] { "reuse_edr", "wait_started", "retrieve_edr", "download" }), "no start_transfer: nothing was started");
            Assert.That(Stages("failure"), Is.Empty);
            Assert.That(_metrics.Of("dataorchestrator.items.finished").Select(m => m["status"]), Is.EqualTo(new[] { "SAVED" }));
        });
        _edc.Verify(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldRecordTheFailedStepAndNoLaterOne_WhenTheTransferIsTerminated()
    {
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("TERMINATED");
        _edc.Setup(e => e.GetTransferErrorDetailAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("refused");

        await RunAsync();

        var finished = _metrics.Of("dataorchestrator.items.finished").Single();
        Assert.Multiple(() =>
        {
            Assert.That(Stages("success"), Is.EqualTo(new[] { "start_transfer" }));
            Assert.That(Stages("failure"), Is.EqualTo(new[] { "wait_started" }));
            Assert.That((finished["status"], finished["error_code"]), Is.EqualTo(("FAILED", ItemErrorCodes.TransferTerminated)));
            Assert.That(_metrics.Of("dataorchestrator.orchestrations.finished").Select(m => m["status"]), Is.EqualTo(new[] { "FAILED" }));
        });
    }

    [Test]
    public async Task ShouldTimeTheNegotiation_WhenTheItemCameWithAnOffer()
    {
        _orchestration = new OrchestrationBuilder().WithOfferItem().Build();
        await _repository.AddAsync(_orchestration, CancellationToken.None);
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcRequestRejectedException(400, "bad offer", []));

        await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Stages("failure"), Is.EqualTo(new[] { "negotiate" }));
            Assert.That(Stages("success"), Is.Empty);
            Assert.That(_metrics.Of("dataorchestrator.items.finished").Select(m => m["error_code"]), Is.EqualTo(new[] { ItemErrorCodes.EdcRequestRejected }));
        });
    }
}
