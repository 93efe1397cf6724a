using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Transfers;
using Microsoft.Net.Http.Headers;

namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>
/// The provider's public data plane (EDC ≤0.18 behaviour): the raw EDR token in the Authorization
/// header, 401 without it and 403 for a "Bearer " value or an unknown or revoked token.
/// </summary>
internal static class DataPlaneEndpoints
{
    public static void MapDataPlane(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public", ServeAsync);
        app.MapGet("/api/public/{**path}", ServeAsync);
    }

    private static async Task ServeAsync(
        HttpContext context, SimulatorState state, IHostApplicationLifetime lifetime)
    {
        var result = Authorize(context, state, out var transfer);
        if (result is null)
        {
            var behaviour = transfer!.Behaviour;
            if (behaviour.DataPlaneStatus is { } status)
            {
                result = DataPlaneError.Result(status, $"simulated status {status}");
            }
            else if (transfer.Agreement.TryConsumeDataPlaneFailure())
            {
                result = DataPlaneError.Result(StatusCodes.Status500InternalServerError, "simulated failure");
            }
        }

        if (result is not null)
        {
            await result.ExecuteAsync(context);
            return;
        }

        // Stopping the host must end stalled and long downloads rather than wait out the shutdown timeout.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            await PayloadWriter.WriteAsync(context.Response, PayloadPlan.For(transfer!), abort.Token);
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            context.Abort();
        }
    }

    private static IResult? Authorize(HttpContext context, SimulatorState state, out SimulatedTransfer? transfer)
    {
        transfer = null;
        var authorization = context.Request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.Length == 0)
        {
            return DataPlaneError.Result(StatusCodes.Status401Unauthorized, "Missing Authorization Header");
        }

        var known = !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && state.TransferStore.TryGetByToken(authorization, out transfer);
        if (!known || transfer is null)
        {
            return DataPlaneError.Result(StatusCodes.Status403Forbidden, "Forbidden");
        }

        context.Annotate(transfer.ContractId, transfer.Id);
        return transfer.StatusAt(state.NowMs()).IsStarted
            ? null
            : DataPlaneError.Result(StatusCodes.Status403Forbidden, "Forbidden");
    }
}
