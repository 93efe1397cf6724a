using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Transfers;
using Microsoft.Net.Http.Headers;

namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>
/// The provider's public data plane. Token scheme "raw" (EDC ≤0.18, the default): the raw EDR token in the
/// Authorization header, 401 without it and 403 for a "Bearer " value. Scheme "bearer" (newer data planes): only
/// "Bearer &lt;token&gt;", 401 for anything else. Both: 403 for an unknown, revoked or refreshed-away token, 401
/// "Token expired" for a token handed out expired (agreement behaviour expiredTokens). With range support on (the
/// default) downloads carry <c>Accept-Ranges: bytes</c> and one <c>Range</c> gets a 206 with exactly that slice.
/// A Data Plane Signaling transfer's token is also accepted as "Bearer &lt;token&gt;" under the raw scheme.
/// </summary>
internal static class DataPlaneEndpoints
{
    private const string BearerPrefix = "Bearer ";

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

        var plan = PayloadPlan.For(transfer!);
        if (state.DataPlaneRanges)
        {
            var range = ByteRange.Parse(context.Request.Headers.Range, plan.Length, out var unsatisfiable);
            if (unsatisfiable)
            {
                await PayloadWriter.Unsatisfiable(context.Response, plan).ExecuteAsync(context);
                return;
            }

            plan = plan with { AcceptsRanges = true, Range = range };
        }

        // Stopping the host must end stalled and long downloads rather than wait out the shutdown timeout.
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(
            context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            if (transfer!.Agreement.TryConsumeDataPlaneCut())
            {
                var cut = new InjectedFault(transfer.Behaviour.CutKind!.Value, CutFraction: 0.5);
                context.AnnotateFault(cut.Kind.ToString());
                await ResponseCutter.RunAsync(context, cut, state.TimeProvider, () => PayloadWriter.WriteAsync(context.Response, plan, abort.Token));
                return;
            }

            await PayloadWriter.WriteAsync(context.Response, plan, abort.Token);
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

        // Raw scheme: a "Bearer " value is refused like an unknown token. Bearer scheme: anything else is unauthorised.
        // A DPS transfer's token works as "Bearer <token>" whatever the scheme, as its DataAddress says.
        var hasBearerPrefix = authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);
        var expectsBearer = state.DataPlaneTokenScheme == DataPlaneTokenSchemes.Bearer;
        if (expectsBearer && !hasBearerPrefix)
        {
            return DataPlaneError.Result(
                StatusCodes.Status401Unauthorized, "Authorization header must carry a Bearer token");
        }

        var token = hasBearerPrefix ? authorization[BearerPrefix.Length..].Trim() : authorization;
        var known = state.TransferStore.TryGetByToken(token, out transfer)
            && (expectsBearer || !hasBearerPrefix || transfer.Dps is not null);
        if (!known || transfer is null)
        {
            return DataPlaneError.Result(StatusCodes.Status403Forbidden, "Forbidden");
        }

        context.Annotate(transfer.ContractId, transfer.Id);
        var current = transfer.Token;
        if (current.Value != token)
        {
            // Refreshed away between the lookup and now: as revoked as any other old token.
            return DataPlaneError.Result(StatusCodes.Status403Forbidden, "Forbidden");
        }

        if (current.IsExpired)
        {
            return DataPlaneError.Result(StatusCodes.Status401Unauthorized, "Token expired");
        }

        // A DPS consumer may fetch as soon as /started reached it, before its answer moved the process to STARTED.
        var status = transfer.StatusAt(state.NowMs());
        return status.IsStarted || (transfer.Dps is not null && status.State == TransferStates.StartupRequested)
            ? null
            : DataPlaneError.Result(StatusCodes.Status403Forbidden, "Forbidden");
    }
}
