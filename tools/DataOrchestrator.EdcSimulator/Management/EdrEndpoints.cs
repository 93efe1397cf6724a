using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// GET /v3/edrs/{id}/dataaddress and the Tractus-X POST /v3/edrs/{id}/refresh. EDC caches the EDR asynchronously
/// after STARTED, so 404 right after STARTED is normal; edrMissingCalls reproduces that window. With
/// <c>?auto_refresh=true</c> (Tractus-X) the data address carries the <c>tx-auth:*</c> refresh fields.
/// </summary>
internal static class EdrEndpoints
{
    private const string ExpiresInSeconds = "300";
    private const string Audience = "did:web:edc-simulator:consumer";

    public static async Task<IResult> GetDataAddressAsync(HttpContext context, SimulatorState state, string id)
    {
        var transfer = await FindAsync(context, state, id);
        if (transfer is null || !transfer.StatusAt(state.NowMs()).IsStarted || transfer.TryConsumeMissingEdr())
        {
            return EdcError.EdrNotFound(id);
        }

        var autoRefresh = bool.TryParse(context.Request.Query["auto_refresh"], out var flag) && flag;
        return SimulatorJson.Result(DataAddress(context.Request, state, transfer.Token, autoRefresh));
    }

    /// <summary>Issues a new token and revokes the old one; refreshes in flight are counted per transfer.</summary>
    public static async Task<IResult> RefreshAsync(HttpContext context, SimulatorState state, string id)
    {
        state.TransferStore.TryGet(id, out var transfer);
        context.Annotate(transfer?.ContractId, id);
        if (transfer is null)
        {
            await ManagementLatency.ApplyAsync(state, behaviour: null, context.RequestAborted);
            return EdcError.EdrNotFound(id);
        }

        state.RecordConcurrentRefreshes(transfer.BeginRefresh());
        try
        {
            await ManagementLatency.ApplyAsync(state, transfer.Behaviour, context.RequestAborted);
            var token = transfer.StatusAt(state.NowMs()).IsStarted
                ? state.TransferStore.RefreshToken(transfer, state.NowMs())
                : null;
            return token is null
                ? EdcError.EdrNotFound(id)
                : SimulatorJson.Result(DataAddress(context.Request, state, token, withRefreshFields: true));
        }
        finally
        {
            transfer.EndRefresh();
        }
    }

    // Looks the transfer up, notes it in the call log and applies its agreement's latency.
    private static async Task<SimulatedTransfer?> FindAsync(HttpContext context, SimulatorState state, string id)
    {
        state.TransferStore.TryGet(id, out var transfer);
        context.Annotate(transfer?.ContractId, id);
        await ManagementLatency.ApplyAsync(state, transfer?.Behaviour, context.RequestAborted);
        return transfer;
    }

    private static DataAddressResponse DataAddress(
        HttpRequest request, SimulatorState state, IssuedToken token, bool withRefreshFields)
    {
        var endpoint = state.PublicEndpointOverride ?? $"{request.Scheme}://{request.Host}/api/public";
        if (!withRefreshFields)
        {
            return new DataAddressResponse { Endpoint = endpoint, Authorization = token.Value };
        }

        // Like a Tractus-X provider, the token endpoint sits next to the public endpoint it refreshes for.
        return new DataAddressResponse
        {
            Endpoint = endpoint,
            Authorization = token.Value,
            RefreshEndpoint = endpoint.TrimEnd('/') + "/token",
            RefreshToken = token.RefreshToken,
            ExpiresIn = ExpiresInSeconds,
            Audience = Audience,
            RefreshAudience = Audience,
            Context = JsonLdContext.CompactWithTractusXAuth,
        };
    }
}
