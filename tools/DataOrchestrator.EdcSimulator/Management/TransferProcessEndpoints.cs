using System.Text.Json;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Management.Responses;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Management;

/// <summary>Handlers for /v3/transferprocesses: initiate, poll state, read, terminate.</summary>
internal static class TransferProcessEndpoints
{
    public static async Task<IResult> InitiateAsync(HttpContext context, SimulatorState state)
    {
        var ct = context.RequestAborted;
        var read = await TransferRequestReader.ReadAsync(context.Request, ct);
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

        var transfer = new SimulatedTransfer(Guid.NewGuid().ToString(), read.Request, agreement, state.NowMs());
        state.TransferStore.Add(transfer);
        context.Annotate(transferId: transfer.Id);
        return SimulatorJson.Result(new IdResponse { Id = transfer.Id, CreatedAt = transfer.CreatedAtMs });
    }

    public static async Task<IResult> GetStateAsync(HttpContext context, SimulatorState state, string id)
    {
        var transfer = await FindAsync(context, state, id);
        return transfer is null
            ? EdcError.TransferNotFound(id)
            : SimulatorJson.Result(new TransferStateResponse { State = transfer.StatusAt(state.NowMs()).State });
    }

    public static async Task<IResult> GetAsync(HttpContext context, SimulatorState state, string id)
    {
        var transfer = await FindAsync(context, state, id);
        return transfer is null
            ? EdcError.TransferNotFound(id)
            : SimulatorJson.Result(TransferProcessResponse.From(transfer, state.NowMs()));
    }

    public static async Task<IResult> TerminateAsync(HttpContext context, SimulatorState state, string id)
    {
        var (reason, error) = await ReadTerminationAsync(context.Request, context.RequestAborted);
        var transfer = await FindAsync(context, state, id);
        if (transfer is null)
        {
            return EdcError.TransferNotFound(id);
        }

        if (error is not null)
        {
            return EdcError.Result(StatusCodes.Status400BadRequest, [error]);
        }

        if (!transfer.TryTerminate(reason, state.NowMs(), out var current))
        {
            return EdcError.Result(
                StatusCodes.Status409Conflict,
                EdcError.ObjectConflict,
                $"TransferProcess {id} cannot be terminated as it is in state {current.State}");
        }

        state.TransferStore.RevokeToken(transfer);
        return Results.NoContent();
    }

    // Looks the transfer up, notes it in the call log and applies its agreement's latency.
    private static async Task<SimulatedTransfer?> FindAsync(HttpContext context, SimulatorState state, string id)
    {
        state.TransferStore.TryGet(id, out var transfer);
        context.Annotate(transfer?.ContractId, id);
        await ManagementLatency.ApplyAsync(state, transfer?.Behaviour, context.RequestAborted);
        return transfer;
    }

    private static async Task<(string? Reason, ApiErrorDetail? Error)> ReadTerminationAsync(
        HttpRequest request, CancellationToken ct)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, ct);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("@context", out _))
            {
                return (null, new ApiErrorDetail(
                    "mandatory value '@context' is missing or it is blank", EdcError.ValidationFailure, "@context"));
            }

            var hasReason = root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String;
            return (hasReason ? reason.GetString() : null, null);
        }
        catch (JsonException)
        {
            return (null, new ApiErrorDetail("Request body is not a valid JSON document", EdcError.InvalidRequest));
        }
    }
}
