namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>What a dataset request asks: the asset (the request's <c>@id</c>) and whom to ask it of.</summary>
internal sealed record DatasetRequestData(string AssetId, string CounterPartyAddress, string CounterPartyId, string Protocol);
