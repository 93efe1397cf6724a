using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>How many items finished in <paramref name="Status"/> within the UTC minute starting at <paramref name="Minute"/>.</summary>
public sealed record FinishedItemCount(DateTimeOffset Minute, ItemStatus Status, long Count)
{
    /// <summary>The start of the UTC minute <paramref name="instant"/> falls in.</summary>
    public static DateTimeOffset MinuteOf(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
}
