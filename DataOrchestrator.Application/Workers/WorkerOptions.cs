using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Workers;

/// <summary>The background worker pool and its queue.</summary>
public sealed class WorkerOptions
{
    public const string SectionName = "Workers";

    /// <summary>Concurrent pipelines (env <c>WORKER_COUNT</c>); they await I/O, so hundreds cost no threads.</summary>
    [Range(1, 4096)]
    public int Count { get; set; } = 64;

    /// <summary>Items that may wait for a worker (env <c>QUEUE_CAPACITY</c>); beyond it POST /orchestrate answers 503.</summary>
    [Range(1, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>How long running items may finish at shutdown before they are cancelled (env <c>SHUTDOWN_TIMEOUT</c>).</summary>
    [Range(0, 3600)]
    public double ShutdownTimeoutSeconds { get; set; } = 30;

    /// <summary>The Retry-After a client gets with a 503 when the queue is full.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;

    public TimeSpan ShutdownTimeout => TimeSpan.FromSeconds(ShutdownTimeoutSeconds);
}
