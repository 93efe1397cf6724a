namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>The service as a data plane, as registered with a consumer connector (<c>PUT {management}/v4/dataplanes</c>).</summary>
public sealed record DataPlaneRegistration(string DataPlaneId, Uri Endpoint, IReadOnlyList<string> TransferTypes, IReadOnlyList<string> Labels);
