using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Management.Responses;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>
/// Handlers for /v3 and /v4 transferprocesses: initiate, poll state, read, query, terminate. Both versions share the
/// store and the agreement behaviours; they differ in request validation and response <c>@context</c>. With a DPS
/// shape on, a v4 transfer runs through Data Plane Signaling (<see cref="DpsFlowRunner"/>).
/// </summary>
internal static class TransferProcessEndpoints
{
    public static async Task<IResult> InitiateAsync(
        HttpContext context, SimulatorState state, DpsFlowRunner dps, string apiVersion)
    {
        var ct = context.RequestAborted;
        var shape = apiVersion == ManagementApiVersion.V4 ? state.Dps.Shape : DpsShapes.Off;
        var read = await TransferRequestReader.ReadAsync(context.Request, apiVersion, shape != DpsShapes.Off, ct);
        var agreement = read.ContractId is null ? null : state.ResolveAgreement(read.ContractId);
        context.Annotate(contractId: read.ContractId);
        await ManagementLatency.ApplyAsync(state, agreement?.Behaviour, ct);
        if (read.Request is null || agreement is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, read.Errors);
        }

        if (agreement.TryConsumeManagementFailure())
        {
            return EdcError.Result(
                StatusCodes.Status503ServiceUnavailable, EdcError.ServiceUnavailable, "Simulated transient failure");
        }

        if (agreement.Behaviour.RejectTransfer is { } rejection)
        {
            return EdcError.Result(rejection.Status, rejection.Type, rejection.MessageFor(agreement.ContractId));
        }

        // EDC 0.17+ ignores the request's @id (a repeat is a second transfer); up to 0.16 it is the process id.
        var clientId = state.TransferIds == TransferIdModes.Client ? read.Request.RequestedId : null;
        var transferId = agreement.Behaviour.TransferIdPrefix + (clientId ?? Guid.NewGuid().ToString());
        var flow = shape == DpsShapes.Off ? null : NewFlow(context.Request, state, transferId, shape, agreement.Behaviour);
        var nowMs = state.NowMs();
        var held = state.AgreementStore.Find(read.Request.ContractId, nowMs);
        var transfer = new SimulatedTransfer(transferId, read.Request, agreement, nowMs, apiVersion, flow, held);
        if (!state.TransferStore.TryAdd(transfer, out var existing))
        {
            context.Annotate(transferId: existing.Id);
            return SimulatorJson.Result(IdResponse.For(existing.Id, existing.CreatedAtMs, apiVersion));
        }

        context.Annotate(transferId: transfer.Id);
        if (flow is not null)
        {
            state.Dps.Flows.Add(flow);
            dps.Start(transfer);
        }

        return SimulatorJson.Result(IdResponse.For(transfer.Id, transfer.CreatedAtMs, apiVersion));
    }

    public static async Task<IResult> GetStateAsync(
        HttpContext context, SimulatorState state, string id, string apiVersion)
    {
        var transfer = await FindAsync(context, state, id);
        return transfer is null
            ? EdcError.TransferNotFound(id)
            : SimulatorJson.Result(TransferStateResponse.For(transfer.StatusAt(state.NowMs()).State, apiVersion));
    }

    public static async Task<IResult> GetAsync(HttpContext context, SimulatorState state, string id, string apiVersion)
    {
        var transfer = await FindAsync(context, state, id);
        return transfer is null
            ? EdcError.TransferNotFound(id)
            : SimulatorJson.Result(TransferProcessResponse.From(transfer, state.NowMs(), apiVersion));
    }

    /// <summary>A QuerySpec's page of transfer processes, each as GET answers it, states as of now.</summary>
    public static async Task<IResult> QueryAsync(HttpContext context, SimulatorState state, string apiVersion)
    {
        var ct = context.RequestAborted;
        var (query, errors) = await QuerySpecReader.ReadAsync(context.Request, apiVersion, ct);
        var contractId = query?.ContractId;
        context.Annotate(contractId: contractId);
        await ManagementLatency.ApplyAsync(state, contractId is null ? null : state.ResolveAgreement(contractId).Behaviour, ct);
        if (query is null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, errors);
        }

        var nowMs = state.NowMs();
        return SimulatorJson.Result(query.Run(state.TransferStore.Snapshot(), nowMs)
            .Select(transfer => TransferProcessResponse.From(transfer, nowMs, apiVersion))
            .ToArray());
    }

    public static async Task<IResult> TerminateAsync(
        HttpContext context, SimulatorState state, DpsFlowRunner dps, string id, string apiVersion)
    {
        var (reason, errors) = await TerminationReader.ReadAsync(context.Request, apiVersion, context.RequestAborted);
        var transfer = await FindAsync(context, state, id);
        if (transfer is null)
        {
            return EdcError.TransferNotFound(id);
        }

        if (errors.Count > 0)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, errors);
        }

        if (!transfer.TryTerminate(reason, state.NowMs(), out var current))
        {
            return EdcError.Result(
                StatusCodes.Status409Conflict,
                EdcError.ObjectConflict,
                $"TransferProcess {id} cannot be terminated as it is in state {current.State}");
        }

        state.TransferStore.RevokeToken(transfer);
        if (transfer.Dps is { } flow && flow.TryTerminate(reason, state.NowMs()))
        {
            dps.NotifyConsumerTerminated(flow, reason);
        }

        return Results.NoContent();
    }

    // The flow calls back to and hands out the address the client reached the simulator by.
    private static DpsFlow NewFlow(HttpRequest request, SimulatorState state, string id, string shape, AgreementBehaviour behaviour)
    {
        var root = $"{request.Scheme}://{request.Host}";
        var dataEndpoint = state.PublicEndpointOverride ?? root + "/api/public";
        var form = behaviour.Dps?.Form ?? DataAddressForms.Spec;
        return new DpsFlow(id, shape, root + "/api/signaling", dataEndpoint, form, state.NowMs());
    }

    // Looks the transfer up, notes it in the call log and applies its agreement's latency.
    private static async Task<SimulatedTransfer?> FindAsync(HttpContext context, SimulatorState state, string id)
    {
        state.TransferStore.TryGet(id, out var transfer);
        context.Annotate(transfer?.ContractId, id);
        await ManagementLatency.ApplyAsync(state, transfer?.Behaviour, context.RequestAborted);
        return transfer;
    }
}
