namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>A client's request to fetch a list of EDC items through one consumer connector.</summary>
public sealed record Orchestration
{
    public required Guid Id { get; init; }
    public required string ConnectorAddress { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
    public required IReadOnlyList<OrchestrationItem> Items { get; init; }

    /// <summary>When the client asked to cancel it; from then on items only move to a final status.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    /// <summary>The completion callback the client asked for, or null.</summary>
    public OrchestrationCallback? Callback { get; init; }

    public ProcessStatus ProcessStatus => ProcessStatusRules.Aggregate(Items.Select(i => i.Status));

    public static Orchestration Create(Guid id, string connectorAddress, IReadOnlyList<OrchestrationItem> items, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectorAddress);
        if (items.Count == 0)
        {
            throw new ArgumentException("An orchestration needs at least one item.", nameof(items));
        }

        return new Orchestration { Id = id, ConnectorAddress = connectorAddress, CreatedAt = now, UpdatedAt = now, Items = items };
    }

    /// <summary>Returns a copy with one item replaced; the item's index says which.</summary>
    public Orchestration WithItem(OrchestrationItem item, DateTimeOffset now)
    {
        if (item.Index < 0 || item.Index >= Items.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(item), item.Index, "No item with this index.");
        }

        var items = Items.ToArray();
        items[item.Index] = item;
        return this with { Items = items, UpdatedAt = now > UpdatedAt ? now : UpdatedAt };
    }
}
