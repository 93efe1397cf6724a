namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>What the pipeline asks the consumer connector for: one dataset (asset) of a provider's catalog.</summary>
public sealed record DatasetRequest(string CounterPartyAddress, string CounterPartyId, string Protocol, string AssetId);
