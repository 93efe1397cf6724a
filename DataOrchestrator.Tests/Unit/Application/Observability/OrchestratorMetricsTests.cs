using DataOrchestrator.Application.Observability;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;
using DataOrchestrator.Tests.Support.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Unit.Application.Observability;

public sealed class OrchestratorMetricsTests
{
    private const string ItemsFinished = "dataorchestrator.items.finished";
    private const string OrchestrationsFinished = "dataorchestrator.orchestrations.finished";
    private const string StageDuration = "dataorchestrator.stage.duration";

    private readonly FakeTimeProvider _time = new();
    private RecordedMetrics _recorded = null!;

    [SetUp]
    public void SetUp() => _recorded = new RecordedMetrics(_time);

    [TearDown]
    public void TearDown() => _recorded.Dispose();

    private OrchestratorMetrics Metrics => _recorded.Metrics;

    private static OrchestrationItem Item(ItemStatus status, ItemError? error = null) => OrchestrationBuilder.Item(0, status) with { Error = error };

    /// <summary>A step that takes two seconds (of the fake clock) and then returns <paramref name="result"/>.</summary>
    private Task<T> TwoSecondStep<T>(T result)
    {
        _time.Advance(TimeSpan.FromSeconds(2));
        return Task.FromResult(result);
    }

    [Test]
    public void ShouldCountTheFailedItemWithItsErrorCode_AndTheOrchestrationItFinished()
    {
        var failed = Item(ItemStatus.Failed, ItemError.Of(ItemErrorCodes.TransferTerminated, "ended"));

        Metrics.RecordItemSaved(failed, new ItemSaved(ProcessStatus.TransferStarted, ProcessStatus.Failed));

        var item = _recorded.Of(ItemsFinished).Single();
        var orchestration = _recorded.Of(OrchestrationsFinished).Single();
        Assert.Multiple(() =>
        {
            Assert.That(item.Value, Is.EqualTo(1));
            Assert.That(item["status"], Is.EqualTo("FAILED"));
            Assert.That(item["error_code"], Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(orchestration.Value, Is.EqualTo(1));
            Assert.That(orchestration["status"], Is.EqualTo("FAILED"));
        });
    }

    [Test]
    public void ShouldCountASavedItemWithoutErrorCode_AndNoOrchestration_WhenTheOrchestrationHadFinishedBefore()
    {
        Metrics.RecordItemSaved(Item(ItemStatus.Saved), new ItemSaved(ProcessStatus.Cancelled, ProcessStatus.Cancelled));

        var item = _recorded.Of(ItemsFinished).Single();
        Assert.Multiple(() =>
        {
            Assert.That(item["status"], Is.EqualTo("SAVED"));
            Assert.That(item.Tags.ContainsKey("error_code"), Is.False);
            Assert.That(_recorded.Of(OrchestrationsFinished), Is.Empty, "only the save that finishes an orchestration counts it");
        });
    }

    [Test]
    public void ShouldCountNothing_WhenTheSavedItemIsStillRunning()
    {
        Metrics.RecordItemSaved(Item(ItemStatus.TransferStarted), new ItemSaved(ProcessStatus.TransferRequested, ProcessStatus.TransferStarted));

        Assert.Multiple(() =>
        {
            Assert.That(_recorded.Of(ItemsFinished), Is.Empty);
            Assert.That(_recorded.Of(OrchestrationsFinished), Is.Empty);
        });
    }

    [Test]
    public async Task ShouldRecordTheStepsDurationAsSuccess_WhenItReturns()
    {
        var result = await Metrics.TimeStageAsync(PipelineStage.Download, () => TwoSecondStep(42));

        var duration = _recorded.Of(StageDuration).Single();
        Assert.Multiple(() =>
        {
            Assert.That(result, Is.EqualTo(42));
            Assert.That(duration.Value, Is.EqualTo(2.0).Within(1e-9), "seconds");
            Assert.That(duration["stage"], Is.EqualTo("download"));
            Assert.That(duration["outcome"], Is.EqualTo("success"));
        });
    }

    [Test]
    public void ShouldRecordTheStepsDurationAsFailure_AndRethrow_WhenItThrows()
    {
        Assert.That(
            async () => await Metrics.TimeStageAsync<int>(PipelineStage.WaitStarted, async () =>
            {
                await TwoSecondStep(0);
                throw new StepFailedException();
            }),
            Throws.TypeOf<StepFailedException>());

        var duration = _recorded.Of(StageDuration).Single();
        Assert.Multiple(() =>
        {
            Assert.That(duration.Value, Is.EqualTo(2.0).Within(1e-9));
            Assert.That(duration["stage"], Is.EqualTo("wait_started"));
            Assert.That(duration["outcome"], Is.EqualTo("failure"));
        });
    }

    [Test]
    public void ShouldReadTheWorkerGaugesAtEachCollection()
    {
        var depth = 3;
        var active = 1;
        Metrics.ObserveWorkers(() => depth, () => active, 8);
        var first = (_recorded.Latest("dataorchestrator.queue.depth"), _recorded.Latest("dataorchestrator.workers.active"));

        depth = 0;
        active = 5;

        Assert.Multiple(() =>
        {
            Assert.That(first, Is.EqualTo((3.0, 1.0)));
            Assert.That(_recorded.Latest("dataorchestrator.queue.depth"), Is.Zero);
            Assert.That(_recorded.Latest("dataorchestrator.workers.active"), Is.EqualTo(5));
            Assert.That(_recorded.Latest("dataorchestrator.workers.configured"), Is.EqualTo(8));
        });
    }

    [Test]
    public void ShouldRefuseASecondSetOfWorkerGauges()
    {
        Metrics.ObserveWorkers(() => 0, () => 0, 1);

        Assert.That(() => Metrics.ObserveWorkers(() => 0, () => 0, 1), Throws.InvalidOperationException);
    }

    [Test]
    public void ShouldTagRetriesAndEdcRequests()
    {
        Metrics.RecordRetry(RetryKind.DataAddress);
        Metrics.RecordEdcRequest("GET /v3/transferprocesses/{id}/state", "503", TimeSpan.FromMilliseconds(250));
        Metrics.RecordDownloaded(4096);
        Metrics.RecordDownloaded(10);

        var request = _recorded.Of("dataorchestrator.edc.requests").Single();
        var duration = _recorded.Of("dataorchestrator.edc.request.duration").Single();
        Assert.Multiple(() =>
        {
            Assert.That(_recorded.Of("dataorchestrator.retries").Single()["kind"], Is.EqualTo("data_address"));
            Assert.That((request["endpoint"], request["status_code"]), Is.EqualTo(("GET /v3/transferprocesses/{id}/state", "503")));
            Assert.That((duration["endpoint"], duration["status_code"], duration.Value), Is.EqualTo(("GET /v3/transferprocesses/{id}/state", "503", 0.25)));
            Assert.That(_recorded.Of("dataorchestrator.download.bytes").Sum(m => m.Value), Is.EqualTo(4106));
        });
    }

    private sealed class StepFailedException : Exception;
}
