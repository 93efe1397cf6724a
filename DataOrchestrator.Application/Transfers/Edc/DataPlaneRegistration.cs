namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>The service as a data plane, as registered with a consumer connector (<c>PUT {management}/v4/dataplanes</c>).</summary>
/// <param name="DataPlaneId">The <c>dataplaneId</c> (DATAPLANE_ID).</param>
/// <param name="Endpoint">The <c>/dataflows</c> base the control plane calls.</param>
/// <param name="TransferTypes">The transfer types served.</param>
/// <param name="Labels">The labels the control plane selects by.</param>
/// <param name="Authorization">The spec's authorization profile (<c>type</c>, <c>tokenEndpoint</c>, …), or null for none; holds the client secret.</param>
public sealed record DataPlaneRegistration(
    string DataPlaneId, Uri Endpoint, IReadOnlyList<string> TransferTypes, IReadOnlyList<string> Labels, IReadOnlyDictionary<string, string>? Authorization = null);
