using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// One orchestration of the in-memory store: an immutable snapshot, swapped whole under the entry's own lock, so
/// readers never see a half-applied change and never block writers long.
/// </summary>
internal sealed class InMemoryEntry(Orchestration current, long position)
{
    private volatile Orchestration _current = current;

    /// <summary>Place in creation order, never reused: the page cursor continues below it.</summary>
    public long Position { get; } = position;

    /// <summary>Taken out by retention (set under the entry's lock): saves must not bring it back.</summary>
    public bool Removed { get; set; }

    public Orchestration Current
    {
        get => _current;
        set => _current = value;
    }
}
