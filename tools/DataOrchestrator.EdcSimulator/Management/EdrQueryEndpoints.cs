using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Management.Responses;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// POST /v3/edrs/request (Tractus-X EDR cache, 3.1.6): a v3 QuerySpec over the cached EDRs, one per transfer whose
/// EDR <c>GET /v3/edrs/{id}/dataaddress</c> would now return (<see cref="Transfers.SimulatedTransfer.IsEdrCached"/>);
/// filtered on agreementId, assetId, transferProcessId, providerId or contractNegotiationId, sorted by createdAt.
/// </summary>
internal static class EdrQueryEndpoints
{
    private static readonly ResourceFields<EdrEntryResponse> Fields = new(
        "EndpointDataReferenceEntry",
        new Dictionary<string, Func<EdrEntryResponse, string?>>(StringComparer.Ordinal)
        {
            ["agreementId"] = entry => entry.AgreementId,
            ["assetId"] = entry => entry.AssetId,
            ["transferProcessId"] = entry => entry.TransferProcessId,
            ["providerId"] = entry => entry.ProviderId,
            ["contractNegotiationId"] = entry => entry.ContractNegotiationId,
        },
        new Dictionary<string, Comparison<EdrEntryResponse>>(StringComparer.Ordinal)
        {
            ["createdAt"] = (left, right) => left.CreatedAt.CompareTo(right.CreatedAt),
        });

    public static async Task<IResult> QueryAsync(HttpContext context, SimulatorState state)
    {
        var ct = context.RequestAborted;
        var (parts, errors) = await QuerySpecReader.ReadPartsAsync(context.Request, ManagementApiVersion.V3, ct);
        var problems = new List<ApiErrorDetail>();
        var query = parts is null ? null : ResourceQueryReader.Build(parts, Fields, problems);
        var agreementId = query?.ValueOf("agreementId");
        context.Annotate(contractId: agreementId);
        context.AnnotateAsset(query?.ValueOf("assetId"));
        await ManagementLatency.ApplyAsync(state, agreementId is null ? null : state.ResolveAgreement(agreementId).Behaviour, ct);
        if (query is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, parts is null ? errors : problems);
        }

        var nowMs = state.NowMs();
        var entries = state.TransferStore.Snapshot()
            .Where(transfer => transfer.IsEdrCached(nowMs))
            .Select(transfer => EdrEntryResponse.From(transfer, nowMs));
        return SimulatorJson.Result(query.Run(entries));
    }
}
