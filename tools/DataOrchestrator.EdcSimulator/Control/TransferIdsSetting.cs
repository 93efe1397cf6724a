namespace DataOrchestrator.EdcSimulator.Control;

/// <summary>Body of <c>PUT /_sim/transfer-ids</c> and answer of <c>GET /_sim/transfer-ids</c>: <c>{"transferIds":"client"}</c> (server or client).</summary>
public sealed record TransferIdsSetting(string TransferIds);
