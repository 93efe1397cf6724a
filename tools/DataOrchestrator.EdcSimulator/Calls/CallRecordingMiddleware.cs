using System.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace DataOrchestrator.EdcSimulator.Calls;

/// <summary>Records every management and data plane call; control calls under /_sim are left out.</summary>
internal sealed class CallRecordingMiddleware(RequestDelegate next, SimulatorState state)
{
    private static readonly PathString ControlPath = new("/_sim");

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ControlPath))
        {
            await next(context);
            return;
        }

        var annotation = new CallAnnotation();
        context.Features.Set(annotation);
        var sequence = state.CallLog.NextSequence();
        var arrivedAt = state.TimeProvider.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            var request = context.Request;
            // An exception before the response started becomes a 500 once it leaves the pipeline.
            var status = completed || context.Response.HasStarted ? context.Response.StatusCode : 500;
            state.CallLog.Add(new RecordedCall(
                sequence,
                arrivedAt,
                request.Method,
                request.PathBase.Add(request.Path).Value ?? string.Empty,
                status,
                annotation.ContractId,
                annotation.TransferId,
                request.Headers.ContainsKey("X-Api-Key"),
                request.Headers.ContainsKey(HeaderNames.Authorization),
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                context.RequestAborted.IsCancellationRequested,
                annotation.OfferId,
                annotation.NegotiationId,
                request.QueryString.Value ?? string.Empty,
                annotation.Fault,
                annotation.AssetId,
                request.Headers.ContainsKey("traceparent")));
        }
    }
}
