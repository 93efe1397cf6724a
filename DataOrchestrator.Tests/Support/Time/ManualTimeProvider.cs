namespace DataOrchestrator.Tests.Support.Time;

/// <summary>A clock that says what the test sets (Microsoft.Extensions.TimeProvider.Testing is not referenced here).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
