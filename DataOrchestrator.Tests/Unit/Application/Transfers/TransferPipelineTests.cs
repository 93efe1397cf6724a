using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Transfers;
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

public sealed class TransferPipelineTests
{
    private readonly Mock<IEdcClient> _edc = new(MockBehavior.Strict);
    private readonly Mock<IDataPlaneClient> _dataPlane = new(MockBehavior.Strict);
    private readonly Mock<IDataStore> _store = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOrchestrationRepository _repository;
    private readonly RunningOrchestrations _running = new();
    private readonly TransferOptions _options = new()
    {
        StatePollIntervalMs = 1, StatePollMaxIntervalMs = 2, DataAddressRetryDelayMs = 1, DataAddressMaxRetries = 2, StartTimeoutSeconds = 5,
    };

    private readonly RecordedMetrics _metrics = new();
    private readonly List<PipelineBuilder> _pipelines = [];
    private Orchestration _orchestration = null!;

    public TransferPipelineTests() => _repository = new InMemoryOrchestrationRepository(_time);

    [SetUp]
    public async Task SetUp()
    {
        _orchestration = new OrchestrationBuilder().WithItem().Build();
        await _repository.AddAsync(_orchestration, CancellationToken.None);
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("tp-1");
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.DisposeAsync();
        }

        _metrics.Dispose();
    }

    private ITransferPipeline Pipeline(IOrchestrationRepository? repository = null)
    {
        var builder = new PipelineBuilder(repository ?? _repository, _edc.Object, _metrics, _time)
            .WithDataPlane(_dataPlane.Object).WithStore(_store.Object).WithOptions(_options).WithRunning(_running);
        _pipelines.Add(builder);
        return builder.Pipeline;
    }

    private async Task<OrchestrationItem> RunAsync(CancellationToken cancellationToken = default)
    {
        await _time.AdvanceUntilDoneAsync(Pipeline().RunAsync(new ItemWork(_orchestration.Id, 0), cancellationToken));
        return (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[0];
    }

    private void StateSequence(params string[] states)
    {
        var sequence = _edc.SetupSequence(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()));
        foreach (var state in states)
        {
            sequence = sequence.ReturnsAsync(state);
        }
    }

    private void DataAddressAfter(int misses)
    {
        var sequence = _edc.SetupSequence(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", false, It.IsAny<CancellationToken>()));
        for (var i = 0; i < misses; i++)
        {
            sequence = sequence.ReturnsAsync((EndpointDataReference?)null);
        }

        sequence.ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "token", "bearer"));
    }

    [Test]
    public async Task ShouldSaveItem_WhenEveryStepSucceeds()
    {
        StateSequence("REQUESTED", "STARTING", "SOME_FUTURE_STATE", "STARTED");
        DataAddressAfter(misses: 1);
        await using var payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", payload.ContentType, payload.Length, It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 3, "abc")));
        _edc.Setup(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", TransferTerminator.DownloadedReason, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcRequestRejectedException(409, "already terminated", []));

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved));
            Assert.That(item.TransferId, Is.EqualTo("tp-1"));
            Assert.That(item.StoragePath, Is.EqualTo("./data/f.json"));
            Assert.That(item.Bytes, Is.EqualTo(3));
            Assert.That(item.Attempts, Is.EqualTo(1));
            Assert.That(item.FinishedAt, Is.Not.Null);
            Assert.That(item.Error, Is.Null, "a refused terminate leaves the saved item alone");
        });
        _edc.Verify(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
        _edc.Verify(e => e.StartTransferAsync(
            It.Is<EdcConnection>(c => c.ManagementBaseUrl.AbsoluteUri == "http://127.0.0.1:9/consumer/cp/api/management"),
            It.Is<TransferStartRequest>(r => r.ContractId == "agreement-1" && r.Protocol == "dataspace-protocol-http"),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldThrowNoException_OnTheWayToSaved()
    {
        // Exceptions cost tens of microseconds each: the happy path must not throw and catch any (one per download
        // from the progress timer's cancelled wait used to be a measurable share of the service's CPU per item).
        StateSequence("STARTED");
        DataAddressAfter(misses: 0);
        await using var payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", It.IsAny<string?>(), It.IsAny<long?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 3, "abc")));
        _edc.Setup(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", TransferTerminator.DownloadedReason, It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
        var thrown = new List<Exception>();
        var inThisRun = new AsyncLocal<bool> { Value = true };
        void Record(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (inThisRun.Value)
            {
                lock (thrown)
                {
                    thrown.Add(e.Exception);
                }
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Record;
        OrchestrationItem item;
        try
        {
            item = await RunAsync();
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Record;
        }

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved));
        Assert.That(thrown.Select(e => $"{e.GetType().Name}: {e.Message}"), Is.Empty);
    }

    [Test]
    public async Task ShouldMarkItemFailed_WhenTransferIsTerminated()
    {
        StateSequence("REQUESTED", "TERMINATED");
        _edc.Setup(e => e.GetTransferErrorDetailAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("Policy evaluation failed");

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo(ItemStatus.Failed));
            Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(item.Error.Message, Does.Contain("Policy evaluation failed"));
        });
    }

    [Test]
    public async Task ShouldMarkItemFailed_WhenEdrStaysMissingBeyondRetries()
    {
        StateSequence("STARTED");
        DataAddressAfter(misses: 3);

        var item = await RunAsync();

        Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.DataAddressUnavailable));
        _edc.Verify(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", false, It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Test]
    public async Task ShouldKeepEdcErrors_WhenEdcRejectsTheTransfer()
    {
        EdcError[] errors = [new("Contract agreement with id x not found", "InvalidRequest", null, null)];
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcRequestRejectedException(400, errors[0].Message!, errors));

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(item.Error.Message, Does.Contain("Contract agreement with id x not found"));
            Assert.That(item.Error.EdcErrors, Is.EqualTo(errors));
            Assert.That(item.TransferId, Is.Null);
        });
    }

    [Test]
    public async Task ShouldTimeOut_WhenTransferNeverStarts()
    {
        _options.StartTimeoutSeconds = 0.05;
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("REQUESTED");

        var item = await RunAsync();

        Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.TransferStartTimeout));
    }

    [Test]
    public async Task ShouldRecordCancellation_WhenShutdownCancelsARunningItem()
    {
        using var cancellation = new CancellationTokenSource();
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()))
            .Returns(async (EdcConnection _, string _, CancellationToken ct) =>
            {
                await cancellation.CancelAsync();
                ct.ThrowIfCancellationRequested();
                return "REQUESTED";
            });

        Assert.That(async () => await RunAsync(cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        var item = (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[0];
        Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.Cancelled));
    }

    [Test]
    public async Task ShouldRecordInternalError_WithoutExceptionText_WhenAPortThrowsUnexpectedly()
    {
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret internals"));

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.InternalError));
            Assert.That(item.Error.Message, Does.Not.Contain("secret internals"));
        });
    }

    [TestCase(401)]
    [TestCase(403)]
    public async Task ShouldRefreshTheEdrOnceAndRetry_WhenTheDataPlaneRefusesTheToken_WithTractusXRefresh(int status)
    {
        _options.EdrAutoRefresh = true;
        StateSequence("STARTED");
        _edc.Setup(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "expired-token", "bearer"));
        _edc.Setup(e => e.RefreshDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "fresh-token", "bearer"));
        await using var payload = new DataPayload(new MemoryStream([1]), "application/json", 1);
        _dataPlane.Setup(d => d.OpenAsync(It.Is<EndpointDataReference>(r => r.Authorization == "expired-token"), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DataPlaneException($"the data plane answered HTTP {status}.", status));
        _dataPlane.Setup(d => d.OpenAsync(It.Is<EndpointDataReference>(r => r.Authorization == "fresh-token"), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", payload.ContentType, payload.Length, It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 1, "abc")));
        _edc.Setup(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", TransferTerminator.DownloadedReason, It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        _edc.Verify(e => e.RefreshDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldFailAfterOneRefresh_WhenTheRefreshedTokenIsRefusedToo()
    {
        _options.EdrAutoRefresh = true;
        StateSequence("STARTED");
        _edc.Setup(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", true, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "expired-token", "bearer"));
        _edc.Setup(e => e.RefreshDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "also-expired", "bearer"));
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DataPlaneException("the data plane answered HTTP 401.", 401));

        var item = await RunAsync();

        Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.DownloadFailed));
        _edc.Verify(e => e.RefreshDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>()), Times.Once);
        _dataPlane.Verify(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task ShouldNotRefresh_WhenTractusXRefreshIsOff()
    {
        StateSequence("STARTED");
        DataAddressAfter(misses: 0);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DataPlaneException("the data plane answered HTTP 403.", 403));

        var item = await RunAsync();

        Assert.That(item.Error!.Code, Is.EqualTo(ItemErrorCodes.DownloadFailed));
        _dataPlane.Verify(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldKeepItsTransfer_WhenResumedWhileEdcStillHasIt()
    {
        await _repository.SaveItemAsync(_orchestration.Id, _orchestration.Items[0] with { TransferId = "tp-1", Status = ItemStatus.Downloading, Attempts = 1 }, CancellationToken.None);
        _store.Setup(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        StateSequence("STARTED", "STARTED");
        DataAddressAfter(misses: 0);
        await using var payload = new DataPayload(new MemoryStream([1]), "application/json", 1);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", payload.ContentType, payload.Length, It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 1, "abc")));
        _edc.Setup(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        _edc.Verify(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldStartANewTransfer_WhenResumedAfterItsTransferEnded()
    {
        await _repository.SaveItemAsync(_orchestration.Id, _orchestration.Items[0] with { TransferId = "tp-old", Status = ItemStatus.TransferStarted, Attempts = 1 }, CancellationToken.None);
        _store.Setup(s => s.RemoveUnrecordedAsync("tp-old", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-old", It.IsAny<CancellationToken>())).ReturnsAsync("TERMINATED");
        StateSequence("TERMINATED");

        var item = await RunAsync();

        Assert.That(item.TransferId, Is.EqualTo("tp-1"), "a new transfer replaced the ended one");
        _store.Verify(s => s.RemoveUnrecordedAsync("tp-old", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldDeleteItsFile_WhenAnotherInstanceTookTheItemOverBeforeItWasRecorded()
    {
        var fenced = new Mock<IOrchestrationRepository>();
        fenced.SetupGet(r => r.KeepsWorkAcrossRestarts).Returns(true);
        fenced.Setup(r => r.FindAsync(_orchestration.Id, It.IsAny<CancellationToken>())).ReturnsAsync(_orchestration);
        fenced.Setup(r => r.SaveItemAsync(_orchestration.Id, It.Is<OrchestrationItem>(i => i.Status != ItemStatus.Saved), It.IsAny<CancellationToken>())).ReturnsAsync(new ItemSaved(ProcessStatus.Queued, ProcessStatus.Queued));
        fenced.Setup(r => r.SaveItemAsync(_orchestration.Id, It.Is<OrchestrationItem>(i => i.Status == ItemStatus.Saved), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new LeaseLostException("taken over"));
        StateSequence("STARTED");
        DataAddressAfter(misses: 0);
        await using var payload = new DataPayload(new MemoryStream([1]), "application/json", 1);
        var stored = new StoredFile("./data/f.json", 1, "abc");
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(payload);
        _store.Setup(s => s.BeginAsync("tp-1", payload.ContentType, payload.Length, It.IsAny<CancellationToken>())).ReturnsAsync(new FakePartialDownload(stored));
        _store.Setup(s => s.DeleteAsync(stored, It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        await _time.AdvanceUntilDoneAsync(Pipeline(fenced.Object).RunAsync(new ItemWork(_orchestration.Id, 0), CancellationToken.None));

        _store.Verify(s => s.DeleteAsync(stored, It.IsAny<CancellationToken>()), Times.Once);
        _edc.Verify(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task ShouldKeepTheNegotiationId_WhenTheNegotiationFails_SoItemsSharingItJoinInsteadOfStartingAnother()
    {
        var offers = new OrchestrationBuilder().WithOfferItem("offer-1").WithOfferItem("offer-1").Build();
        await _repository.AddAsync(offers, CancellationToken.None);
        _edc.Setup(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync("cn-1");
        _edc.Setup(e => e.GetNegotiationStateAsync(It.IsAny<EdcConnection>(), "cn-1", It.IsAny<CancellationToken>())).ReturnsAsync("TERMINATED");
        _edc.Setup(e => e.GetNegotiationAsync(It.IsAny<EdcConnection>(), "cn-1", It.IsAny<CancellationToken>())).ReturnsAsync(new NegotiationOutcome(null, "refused"));

        await _time.AdvanceUntilDoneAsync(Pipeline().RunAsync(new ItemWork(offers.Id, 0), CancellationToken.None));
        await _time.AdvanceUntilDoneAsync(Pipeline().RunAsync(new ItemWork(offers.Id, 1), CancellationToken.None));

        var items = (await _repository.FindAsync(offers.Id, CancellationToken.None))!.Items;
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.NegotiationId), Is.All.EqualTo("cn-1"));
            Assert.That(items.Select(i => i.Error!.Code), Is.All.EqualTo(ItemErrorCodes.NegotiationTerminated));
        });
        _edc.Verify(e => e.StartNegotiationAsync(It.IsAny<EdcConnection>(), It.IsAny<NegotiationStartRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
