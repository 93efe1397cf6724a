using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Fails a configured fraction of management and data plane calls (control calls under /_sim never fail).
/// Runs inside the call recorder, so injected failures show up in the call log.
/// </summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, SimulatorState state)
{
    private static readonly PathString ControlPath = new("/_sim");
    private static readonly TimeSpan TricklePause = TimeSpan.FromMilliseconds(40);

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ControlPath) || state.Faults.Next() is not { } fault)
        {
            await next(context);
            return;
        }

        switch (fault)
        {
            case FaultKind.ServerError:
                context.Response.StatusCode = state.Faults.NextVariant(2) == 0
                    ? StatusCodes.Status500InternalServerError
                    : StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("""[{"message":"injected fault","type":"InjectedFault"}]""", context.RequestAborted);
                break;
            case FaultKind.ConnectionReset:
                context.Abort();
                break;
            case FaultKind.Timeout:
                try
                {
                    await Task.Delay(state.Faults.Delay, state.TimeProvider, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up first, as intended.
                }

                context.Abort();
                break;
            case FaultKind.SlowBody:
                await TrickleAsync(context);
                break;
        }
    }

    private async Task TrickleAsync(HttpContext context)
    {
        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var trickle = new TrickleStream(body.Stream, TricklePause, state.TimeProvider);
        var replacement = new StreamResponseBodyFeature(trickle, body);
        context.Features.Set<IHttpResponseBodyFeature>(replacement);
        try
        {
            await next(context);
            await replacement.CompleteAsync();
        }
        finally
        {
            context.Features.Set(body);
        }
    }
}
