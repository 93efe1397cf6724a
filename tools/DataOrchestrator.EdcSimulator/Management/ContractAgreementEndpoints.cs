using DataOrchestrator.EdcSimulator.Agreements;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// POST /v3|v4/contractagreements/request: a QuerySpec over the agreements the consumer holds (negotiated ones once
/// FINALIZED, and scripted ones), filtered on id, assetId, providerId or consumerId, sorted by contractSigningDate or id.
/// </summary>
internal static class ContractAgreementEndpoints
{
    private static readonly ResourceFields<ContractAgreementSnapshot> Fields = new(
        "ContractAgreement",
        new Dictionary<string, Func<ContractAgreementSnapshot, string?>>(StringComparer.Ordinal)
        {
            ["id"] = agreement => agreement.Id,
            ["assetId"] = agreement => agreement.AssetId,
            ["providerId"] = agreement => agreement.ProviderId,
            ["consumerId"] = agreement => agreement.ConsumerId,
        },
        new Dictionary<string, Comparison<ContractAgreementSnapshot>>(StringComparer.Ordinal)
        {
            ["contractSigningDate"] = (left, right) => left.ContractSigningDate.CompareTo(right.ContractSigningDate),
            ["id"] = (left, right) => string.CompareOrdinal(left.Id, right.Id),
        });

    public static async Task<IResult> QueryAsync(HttpContext context, SimulatorState state, string apiVersion)
    {
        var ct = context.RequestAborted;
        var (parts, errors) = await QuerySpecReader.ReadPartsAsync(context.Request, apiVersion, ct);
        var problems = new List<ApiErrorDetail>();
        var query = parts is null ? null : ResourceQueryReader.Build(parts, Fields, problems);
        context.Annotate(contractId: query?.ValueOf("id"));
        context.AnnotateAsset(query?.ValueOf("assetId"));
        await ManagementLatency.ApplyAsync(state, latencyMs: null, ct);
        if (query is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, parts is null ? errors : problems);
        }

        return SimulatorJson.Result(query.Run(state.AgreementStore.Snapshot(state.NowMs()))
            .Select(agreement => ContractAgreementResponse.Build(agreement, apiVersion))
            .ToArray());
    }
}
