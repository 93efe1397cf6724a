using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Lets an app write answer the call through a <see cref="CutResponseBody"/>, so the answer breaks off as
/// the fault says (<see cref="FaultKind.MidBodyReset"/> or <see cref="FaultKind.ShortBody"/>). Used by the random fault
/// injection and by an agreement's scripted data plane cuts.
/// </summary>
internal static class ResponseCutter
{
    public static async Task RunAsync(HttpContext context, InjectedFault fault, TimeProvider timeProvider, Func<Task> write)
    {
        if (RawConnection.For(context, timeProvider) is not { } connection)
        {
            // HTTP/2 has no connection of the call's own to cut; a stream reset is the nearest failure.
            context.Abort();
            return;
        }

        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var cut = new CutResponseBody(context, connection, fault, timeProvider);
        context.Features.Set<IHttpResponseBodyFeature>(cut);
        try
        {
            await write();
            await cut.CompleteAsync();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The cut broke the connection under the app's next write; that is the fault.
        }
        finally
        {
            context.Features.Set(original);
            // Also when the app failed: once the head went out raw, Kestrel must not write a response of its own.
            await cut.BreakIfOpenAsync();
        }
    }
}
