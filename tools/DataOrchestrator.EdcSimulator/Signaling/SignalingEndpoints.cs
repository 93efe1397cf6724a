using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The consumer control plane's signaling API for data plane callbacks (EDC's <c>DataPlaneTransferApiController</c>),
/// <c>POST /api/signaling/transfers/{id}/dataflow/{prepared|started|completed|errored}</c>, with EDC's answers: an
/// unknown transfer 401; completed 200 (COMPLETING → COMPLETED) or 409; started 409 for a consumer process; errored
/// 200 and only logged; prepared 200 (→ REQUESTING) or 409. When the transfer's data plane registered an
/// <c>oauth2_client_credentials</c> profile, a call without EDC's token checks passed gets 401 (<see cref="CallbackAuthorization"/>).
/// Each call waits the connector's response time, as a management call does (the transfer's agreement latencyMs, else
/// the default latency).
/// </summary>
internal static class SignalingEndpoints
{
    public const string BasePath = "/api/signaling";

    public static void MapSignalingApi(this IEndpointRouteBuilder app) =>
        app.MapPost(BasePath + "/transfers/{id}/dataflow/{kind}", HandleAsync);

    private static async Task<IResult> HandleAsync(
        HttpContext context, string id, string kind, SimulatorState state, CallbackAuthorization authorization, ILogger<DpsFlowRunner> logger)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        await ManagementLatency.ApplyAsync(state, state.TransferStore.TryGet(id, out var known) ? known.Behaviour : null, context.RequestAborted);
        var refusal = await authorization.RefusalAsync(context.Request, known?.Dps?.DataPlane);
        var (status, message) = refusal is null
            ? Answer(context, id, kind, state, logger)
            : (StatusCodes.Status401Unauthorized, $"Request could not be authenticated: {refusal}");
        var path = context.Request.PathBase.Add(context.Request.Path).Value ?? string.Empty;
        state.Dps.Log.Add(DpsMessageKinds.Received, kind, id, "POST", path, body.Length == 0 ? null : body, status, message);
        return message is null
            ? Results.StatusCode(status)
            : EdcError.Result(status, status == StatusCodes.Status401Unauthorized ? EdcError.AuthenticationFailed : EdcError.ObjectConflict, message);
    }

    private static (int Status, string? Message) Answer(
        HttpContext context, string id, string kind, SimulatorState state, ILogger logger)
    {
        if (kind is not (DpsMessageKinds.Prepared or DpsMessageKinds.Started or DpsMessageKinds.Completed or DpsMessageKinds.Errored))
        {
            return (StatusCodes.Status404NotFound, null);
        }

        if (!state.TransferStore.TryGet(id, out var transfer) || transfer.Dps is not { } flow)
        {
            return (StatusCodes.Status401Unauthorized, "Request could not be authenticated");
        }

        context.Annotate(transfer.ContractId, transfer.Id);
        var now = state.NowMs();
        switch (kind)
        {
            case DpsMessageKinds.Completed:
                if (!flow.TryMove(TransferStates.Completing, now, TransferStates.Started, TransferStates.Starting, TransferStates.Completing))
                {
                    return Conflict(id, flow);
                }

                // EDC sends the DSP completion to the provider, then COMPLETED; the provider's data plane stops serving.
                flow.TryMove(TransferStates.Completed, now, TransferStates.Completing);
                state.TransferStore.RevokeToken(transfer);
                return (StatusCodes.Status200OK, null);
            case DpsMessageKinds.Errored:
                logger.LogWarning("Data plane reported transfer {TransferId} errored", id);
                return (StatusCodes.Status200OK, null);
            case DpsMessageKinds.Prepared:
                return flow.TryMarkPrepared(now) ? (StatusCodes.Status200OK, null) : Conflict(id, flow);
            default:
                return (StatusCodes.Status409Conflict, $"TransferProcess {id} is a consumer process: started is not modified");
        }
    }

    private static (int, string?) Conflict(string id, DpsFlow flow) =>
        (StatusCodes.Status409Conflict, $"TransferProcess {id} cannot be changed as it is in state {flow.Status.State}");
}
