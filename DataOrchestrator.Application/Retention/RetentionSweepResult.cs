namespace DataOrchestrator.Application.Retention;

/// <summary>What one sweep removed. <see cref="Ran"/> is false when retention is off or another instance was sweeping.</summary>
public sealed record RetentionSweepResult(bool Ran, int Orchestrations, int Files, long Bytes, int IdempotencyKeys)
{
    public static RetentionSweepResult Skipped { get; } = new(false, 0, 0, 0, 0);

    public bool RemovedAnything => Orchestrations + Files + IdempotencyKeys > 0;
}
