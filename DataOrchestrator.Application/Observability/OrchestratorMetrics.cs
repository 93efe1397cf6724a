using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Observability;

/// <summary>
/// The service's own instruments, all in the <see cref="OrchestratorMeter"/> meter. It is created through the host's
/// <see cref="IMeterFactory"/>, so every host (every test's host too) has its own instruments and counts.
/// </summary>
public sealed class OrchestratorMetrics
{
    private const string StatusTag = "status";

    // Seconds: pipeline steps and EDC calls take from milliseconds (a state poll) to minutes (a large download).
    private static readonly IReadOnlyList<double> SecondsBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

    private readonly Meter _meter;
    private readonly TimeProvider _timeProvider;
    private readonly Counter<long> _orchestrationsFinished;
    private readonly Counter<long> _itemsFinished;
    private readonly Histogram<double> _stageDuration;
    private readonly Counter<long> _edcRequests;
    private readonly Histogram<double> _edcRequestDuration;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _downloadBytes;
    private int _workersObserved;

    public OrchestratorMetrics(IMeterFactory meterFactory, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(OrchestratorMeter.Name);
        _timeProvider = timeProvider;
        var seconds = new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets };
        _orchestrationsFinished = _meter.CreateCounter<long>(
            "dataorchestrator.orchestrations.finished", description: "Orchestrations that reached a final status, by that status.");
        _itemsFinished = _meter.CreateCounter<long>(
            "dataorchestrator.items.finished", description: "Items that reached a final status, by that status and, when they did not succeed, their error code.");
        _stageDuration = _meter.CreateHistogram(
            "dataorchestrator.stage.duration", "s", "Time one pipeline step of one item took, by step and outcome.", advice: seconds);
        _edcRequests = _meter.CreateCounter<long>(
            "dataorchestrator.edc.requests", description: "Management API requests sent to EDC (each attempt), by endpoint and status code.");
        _edcRequestDuration = _meter.CreateHistogram(
            "dataorchestrator.edc.request.duration", "s", "Time one Management API request took until its response headers, by endpoint and status code.", advice: seconds);
        _retries = _meter.CreateCounter<long>("dataorchestrator.retries", description: "Requests repeated after a transient failure or a not-yet answer, by kind.");
        _downloadBytes = _meter.CreateCounter<long>("dataorchestrator.download.bytes", "By", "Bytes downloaded from data planes and written to the data directory.");
    }

    /// <summary>Counts what one item save finished: the item (when it reached a final status) and the orchestration (exactly once).</summary>
    public void RecordItemSaved(OrchestrationItem item, ItemSaved saved)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(saved);
        if (item.IsFinished)
        {
            var status = new KeyValuePair<string, object?>(StatusTag, item.Status.ToWireName());
            if (item.Error is { } error)
            {
                _itemsFinished.Add(1, status, new KeyValuePair<string, object?>("error_code", error.Code));
            }
            else
            {
                _itemsFinished.Add(1, status);
            }
        }

        if (saved.FinishedOrchestration)
        {
            _orchestrationsFinished.Add(1, new KeyValuePair<string, object?>(StatusTag, saved.After.ToWireName()));
        }
    }

    /// <summary>Runs one pipeline step and records how long it took and whether it succeeded (returned) or failed (threw).</summary>
    public async Task<T> TimeStageAsync<T>(string stage, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var started = _timeProvider.GetTimestamp();
        var outcome = "failure";
        try
        {
            var result = await step();
            outcome = "success";
            return result;
        }
        finally
        {
            _stageDuration.Record(
                _timeProvider.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("stage", stage),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <param name="endpoint">The route template (<c>GET /v3/transferprocesses/{id}/state</c>), never a URL with ids in it.</param>
    /// <param name="statusCode">The response's status code, or <c>error</c> when none arrived.</param>
    /// <param name="elapsed">Time until the response headers (or the failure).</param>
    public void RecordEdcRequest(string endpoint, string statusCode, TimeSpan elapsed)
    {
        var endpointTag = new KeyValuePair<string, object?>("endpoint", endpoint);
        var statusTag = new KeyValuePair<string, object?>("status_code", statusCode);
        _edcRequests.Add(1, endpointTag, statusTag);
        _edcRequestDuration.Record(elapsed.TotalSeconds, endpointTag, statusTag);
    }

    /// <param name="kind">One of <see cref="RetryKind"/>.</param>
    public void RecordRetry(string kind) => _retries.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RecordDownloaded(int bytes) => _downloadBytes.Add(bytes);

    /// <summary>
    /// The worker pool's gauges, read at each collection. Called once, by the pool whose numbers they are.
    /// </summary>
    public void ObserveWorkers(Func<int> queueDepth, Func<int> activeWorkers, int configuredWorkers)
    {
        if (Interlocked.Exchange(ref _workersObserved, 1) == 1)
        {
            throw new InvalidOperationException("The worker gauges are observed already.");
        }

        _meter.CreateObservableGauge("dataorchestrator.queue.depth", queueDepth, description: "Items waiting for a worker of this instance.");
        _meter.CreateObservableGauge("dataorchestrator.workers.active", activeWorkers, description: "Workers busy with an item.");
        _meter.CreateObservableGauge("dataorchestrator.workers.configured", () => configuredWorkers, description: "Workers this instance runs (WORKER_COUNT).");
    }
}
