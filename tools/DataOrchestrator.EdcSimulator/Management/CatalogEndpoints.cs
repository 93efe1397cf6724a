using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// POST /v3|v4/catalog/dataset/request: the consumer connector asks the provider for one dataset. Answered from the
/// scripted datasets (keyed by asset id); an asset without one is unknown to the provider (EDC's 502 around the
/// provider's 404, <see cref="CatalogError"/>), and a dataset's <c>rejectCatalog</c> refuses with its own error.
/// </summary>
internal static class CatalogEndpoints
{
    public static async Task<IResult> RequestDatasetAsync(HttpContext context, SimulatorState state, string apiVersion)
    {
        var ct = context.RequestAborted;
        var (request, assetId, errors) = await DatasetRequestReader.ReadAsync(context.Request, apiVersion, ct);
        var behaviour = assetId is null ? null : state.FindDataset(assetId);
        context.AnnotateAsset(assetId);
        await ManagementLatency.ApplyAsync(state, behaviour?.LatencyMs, ct);
        if (request is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, errors);
        }

        if (behaviour is null)
        {
            return CatalogError.DatasetNotFound(request);
        }

        return behaviour.RejectCatalog is { } rejection
            ? EdcError.Result(rejection.Status, rejection.Type, rejection.MessageFor(request.AssetId, request.CounterPartyAddress))
            : SimulatorJson.Result(DatasetResponse.Build(request, behaviour, apiVersion));
    }
}
