using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// GET /v3/edrs/{id}/dataaddress. EDC caches the EDR asynchronously after STARTED, so 404 right
/// after STARTED is normal; edrMissingCalls reproduces that window.
/// </summary>
internal static class EdrEndpoints
{
    public static async Task<IResult> GetDataAddressAsync(HttpContext context, SimulatorState state, string id)
    {
        state.TransferStore.TryGet(id, out var transfer);
        context.Annotate(transfer?.ContractId, id);
        await ManagementLatency.ApplyAsync(state, transfer?.Behaviour, context.RequestAborted);
        if (transfer is null || !transfer.StatusAt(state.NowMs()).IsStarted || transfer.TryConsumeMissingEdr())
        {
            return EdcError.EdrNotFound(id);
        }

        var request = context.Request;
        return SimulatorJson.Result(new DataAddressResponse
        {
            Endpoint = state.PublicEndpointOverride ?? $"{request.Scheme}://{request.Host}/api/public",
            Authorization = transfer.Token,
        });
    }
}
