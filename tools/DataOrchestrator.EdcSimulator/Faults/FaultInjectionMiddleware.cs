using DataOrchestrator.EdcSimulator.Calls;
using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Fails a configured fraction of management and data plane calls (control calls under /_sim never fail): every
/// route but /_sim passes through here, unknown ones included. Runs inside the call recorder, so injected failures
/// show up in the call log (a broken connection as <c>aborted</c>).
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

        context.AnnotateFault(fault.Kind.ToString());
        switch (fault.Kind)
        {
            case FaultKind.InternalServerError:
                await FailAsync(context, StatusCodes.Status500InternalServerError);
                break;
            case FaultKind.BadGateway:
                await FailAsync(context, StatusCodes.Status502BadGateway);
                break;
            case FaultKind.ServiceUnavailable:
                await FailAsync(context, StatusCodes.Status503ServiceUnavailable);
                break;
            case FaultKind.ConnectionReset:
                // Kestrel's abort is a reset (zero linger; its socket transport's FinOnError is off).
                context.Abort();
                break;
            case FaultKind.MidBodyReset or FaultKind.ShortBody:
                await CutAsync(context, fault);
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

    private static Task FailAsync(HttpContext context, int statusCode)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = SimulatorJson.ContentType;
        return context.Response.WriteAsync("""[{"message":"injected fault","type":"InjectedFault"}]""", context.RequestAborted);
    }

    private Task CutAsync(HttpContext context, InjectedFault fault) => ResponseCutter.RunAsync(context, fault, state.TimeProvider, () => next(context));

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
