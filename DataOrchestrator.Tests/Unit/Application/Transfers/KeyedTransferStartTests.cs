using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
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

/// <summary>
/// One attempt never starts two transfers: EDC 0.17 and later start a new process for every request whatever its
/// <c>@id</c>, so a lost answer or a stop before the id was recorded is repaired by finding the transfer by its key.
/// </summary>
public sealed class KeyedTransferStartTests
{
    private readonly Mock<IEdcClient> _edc = new(MockBehavior.Strict);
    private readonly Mock<IDataPlaneClient> _dataPlane = new(MockBehavior.Strict);
    private readonly Mock<IDataStore> _store = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryOrchestrationRepository _repository;
    private readonly TransferOptions _options = new()
    {
        StatePollIntervalMs = 1, StatePollMaxIntervalMs = 2, DataAddressRetryDelayMs = 1, DataAddressMaxRetries = 2, StartTimeoutSeconds = 5, TransientRetries = 2,
    };

    private readonly RecordedMetrics _metrics = new();
    private readonly List<PipelineBuilder> _pipelines = [];
    private readonly List<string> _keysSent = [];
    private Orchestration _orchestration = null!;
    private DataPayload _payload = null!;

    public KeyedTransferStartTests() => _repository = new InMemoryOrchestrationRepository(_time);

    [SetUp]
    public async Task SetUp()
    {
        _orchestration = new OrchestrationBuilder().WithItem().Build();
        await _repository.AddAsync(_orchestration, CancellationToken.None);
        _payload = new DataPayload(new MemoryStream([1, 2, 3]), "application/json", 3);
        _edc.Setup(e => e.GetTransferStateAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<CancellationToken>())).ReturnsAsync("STARTED");
        _edc.Setup(e => e.GetDataAddressAsync(It.IsAny<EdcConnection>(), "tp-1", false, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new EndpointDataReference(new Uri("http://provider/api/public"), "token", "bearer"));
        _edc.Setup(e => e.TerminateTransferAsync(It.IsAny<EdcConnection>(), "tp-1", It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        _dataPlane.Setup(d => d.OpenAsync(It.IsAny<EndpointDataReference>(), false, It.IsAny<ResumeFrom?>(), It.IsAny<CancellationToken>())).ReturnsAsync(_payload);
        _store.Setup(s => s.BeginAsync("tp-1", "application/json", 3, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new FakePartialDownload(new StoredFile("./data/f.json", 3, "abc")));
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var pipeline in _pipelines)
        {
            await pipeline.DisposeAsync();
        }

        await _payload.DisposeAsync();
        _metrics.Dispose();
    }

    [Test]
    public async Task ShouldStoreTheAttemptKey_BeforeTheRequestLeaves()
    {
        OrchestrationItem? storedAtRequest = null;
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()))
            .Returns(async (EdcConnection _, TransferStartRequest request, CancellationToken _) =>
            {
                _keysSent.Add(request.AttemptKey);
                storedAtRequest = (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[0];
                return "tp-1";
            });

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
            Assert.That(item.TransferId, Is.EqualTo("tp-1"));
            Assert.That(_keysSent, Has.Count.EqualTo(1));
            Assert.That(storedAtRequest!.TransferAttemptKey, Is.EqualTo(_keysSent[0]), "the key is stored before the request is sent");
            Assert.That(storedAtRequest.Status, Is.EqualTo(ItemStatus.Queued), "TRANSFER_REQUESTED only once the connector took the request");
            Assert.That(storedAtRequest.TransferId, Is.Null);
        });
    }

    [Test]
    public async Task ShouldTakeTheTransferFoundByItsKey_WhenTheAnswerToTheStartIsLost()
    {
        StartFails(times: 1);
        _edc.Setup(e => e.FindTransferAsync(It.IsAny<EdcConnection>(), "agreement-1", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EdcConnection _, string _, string key, CancellationToken _) => key == _keysSent.Single() ? "tp-1" : null);

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        Assert.That(item.TransferId, Is.EqualTo("tp-1"));
        _edc.Verify(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldAskAgainUnderTheSameKey_WhenNoTransferCarriesIt()
    {
        StartFails(times: 1);
        NothingFound();

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        Assert.That(_keysSent, Has.Count.EqualTo(2));
        Assert.That(_keysSent.Distinct().Count(), Is.EqualTo(1), "a repeat carries the key of the lost request");
        _edc.Verify(e => e.FindTransferAsync(It.IsAny<EdcConnection>(), "agreement-1", _keysSent[0], It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task ShouldStopAskingAfterTheRetries_AndKeepTheKeyForTheNextAttempt()
    {
        StartFails(times: int.MaxValue);
        NothingFound();

        var item = await RunAsync();

        Assert.Multiple(() =>
        {
            Assert.That(item.Status, Is.Not.EqualTo(ItemStatus.Saved));
            Assert.That(item.TransferId, Is.Null);
            Assert.That(item.TransferAttemptKey, Is.EqualTo(_keysSent[0]));
            Assert.That(_keysSent, Has.Count.EqualTo(_options.TransientRetries + 1), "one more request than a read's retries, each after a lookup");
        });
    }

    [Test]
    public async Task ShouldFindTheTransferOfAResumedItem_ThatStoppedBeforeRecordingItsId()
    {
        await StoreItemAsync(_orchestration.Items[0] with { TransferAttemptKey = "key-1", Attempts = 1 });
        _edc.Setup(e => e.FindTransferAsync(It.IsAny<EdcConnection>(), "agreement-1", "key-1", It.IsAny<CancellationToken>())).ReturnsAsync("tp-1");
        _store.Setup(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        Assert.That(item.TransferId, Is.EqualTo("tp-1"));
        _edc.Verify(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        _store.Verify(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>()), Times.Once, "a file of the interrupted download goes");
    }

    [Test]
    public async Task ShouldStartUnderThePendingKey_WhenTheResumedItemsRequestNeverArrived()
    {
        await StoreItemAsync(_orchestration.Items[0] with { TransferAttemptKey = "key-1", Attempts = 1 });
        StartFails(times: 0);
        NothingFound();
        _store.Setup(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        Assert.That(_keysSent, Is.EqualTo(new[] { "key-1" }));
        _store.Verify(s => s.RemoveUnrecordedAsync("tp-1", It.IsAny<CancellationToken>()), Times.Once, "EDC up to 0.16 may answer with the interrupted transfer");
    }

    [Test]
    public async Task ShouldTakeTheTransferAsNotFound_WhenTheConnectorRefusesTheLookup()
    {
        StartFails(times: 1);
        _edc.Setup(e => e.FindTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new EdcRequestRejectedException(405, "Method Not Allowed", []));

        var item = await RunAsync();

        Assert.That(item.Status, Is.EqualTo(ItemStatus.Saved), item.Error?.Message);
        Assert.That(_keysSent, Has.Count.EqualTo(2));
    }

    private void StartFails(int times)
    {
        var failures = 0;
        _edc.Setup(e => e.StartTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<TransferStartRequest>(), It.IsAny<CancellationToken>()))
            .Returns((EdcConnection _, TransferStartRequest request, CancellationToken _) =>
            {
                _keysSent.Add(request.AttemptKey);
                return failures++ < times
                    ? Task.FromException<string>(new EdcUnavailableException("the request timed out"))
                    : Task.FromResult("tp-1");
            });
    }

    private void NothingFound() =>
        _edc.Setup(e => e.FindTransferAsync(It.IsAny<EdcConnection>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string?)null);

    private async Task StoreItemAsync(OrchestrationItem item) => await _repository.SaveItemAsync(_orchestration.Id, item, CancellationToken.None);

    private async Task<OrchestrationItem> RunAsync()
    {
        var builder = new PipelineBuilder(_repository, _edc.Object, _metrics, _time)
            .WithDataPlane(_dataPlane.Object).WithStore(_store.Object).WithOptions(_options);
        _pipelines.Add(builder);
        await _time.AdvanceUntilDoneAsync(builder.Pipeline.RunAsync(new ItemWork(_orchestration.Id, 0), CancellationToken.None));
        return (await _repository.FindAsync(_orchestration.Id, CancellationToken.None))!.Items[0];
    }
}
