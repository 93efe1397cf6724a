using System.Diagnostics;
using System.Globalization;
using DataOrchestrator.Application.Observability;
using AutoMapper;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// One callback attempt from claim to recorded outcome: the orchestration's status entry (as GET /status/{id} shows it
/// at that moment, so its <c>callback.state</c> reads PENDING) is signed, sent, and the outcome stored.
/// </summary>
public sealed class CallbackDelivery(
    ICallbackStore store,
    ICallbackSender sender,
    IStatusEntrySerializer serializer,
    IMapper mapper,
    CallbackSchedule schedule,
    IOptions<CallbackOptions> options,
    TimeProvider timeProvider,
    ILogger<CallbackDelivery> logger)
{
    private static readonly TimeSpan ShutdownRecordTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Claims the next due callback (counting its attempt), or null when none is due.</summary>
    public Task<Orchestration?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return store.ClaimDueCallbackAsync(now, now + schedule.ClaimDuration, cancellationToken);
    }

    /// <summary>Sends the claimed attempt and records its outcome; answers the callback as recorded.</summary>
    public async Task<OrchestrationCallback> DeliverAsync(Orchestration claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var callback = claimed.Callback ?? throw new ArgumentException("The orchestration has no callback.", nameof(claimed));
        using var activity = StartActivity(claimed.Id, callback);
        using var scope = logger.BeginScope(activity is null
            ? new Dictionary<string, object> { ["OrchestrationId"] = claimed.Id }
            : new Dictionary<string, object> { ["OrchestrationId"] = claimed.Id, ["TraceId"] = activity.TraceId.ToHexString() });

        var message = Sign(claimed, callback.Attempts);
        CallbackResponse response;
        try
        {
            // Claimed just as the service began to stop: not sent, handed back below.
            cancellationToken.ThrowIfCancellationRequested();
            response = await sender.SendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown mid-attempt: hand the callback back at once rather than when the claim runs out.
            await RecordOnShutdownAsync(claimed.Id, callback.Fail("interrupted: the service stopped", timeProvider.GetUtcNow()));
            throw;
        }

        var now = timeProvider.GetUtcNow();
        var host = HostOf(callback.Url);
        OrchestrationCallback outcome;
        if (response.IsSuccess)
        {
            outcome = callback.Deliver(now);
            logger.LogInformation(
                "Callback to {CallbackHost} delivered on attempt {Attempt} (HTTP {StatusCode})", host, callback.Attempts, response.StatusCode);
        }
        else
        {
            activity?.SetStatus(ActivityStatusCode.Error, response.Describe());
            outcome = callback.Fail(response.Describe(), schedule.NextAttemptAt(callback.Attempts, claimed.UpdatedAt, now));
            if (outcome.State == CallbackState.Failed)
            {
                logger.LogWarning(
                    "Callback to {CallbackHost} failed on attempt {Attempt} ({CallbackError}); giving up", host, callback.Attempts, outcome.LastError);
            }
            else
            {
                logger.LogWarning(
                    "Callback to {CallbackHost} failed on attempt {Attempt} ({CallbackError}); next attempt at {NextAttemptAt}",
                    host, callback.Attempts, outcome.LastError, outcome.NextAttemptAt);
            }
        }

        // The attempt happened: its outcome is stored even when the service is stopping.
        if (!await store.RecordCallbackAsync(claimed.Id, outcome, CancellationToken.None))
        {
            logger.LogInformation("Outcome of callback attempt {Attempt} not recorded: another attempt was claimed since", callback.Attempts);
        }

        return outcome;
    }

    /// <summary>A root span per attempt (a callback is sent by its own worker, long after the request that asked for it).</summary>
    private static Activity? StartActivity(Guid orchestrationId, OrchestrationCallback callback)
    {
        var activity = OrchestratorTracing.Source.StartActivity(OrchestratorTracing.CallbackSpan, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(OrchestratorTracing.OrchestrationIdTag, orchestrationId.ToString());
            activity.SetTag(OrchestratorTracing.CallbackHostTag, OrchestratorTracing.HostOf(callback.Url));
            activity.SetTag(OrchestratorTracing.AttemptTag, callback.Attempts);
        }

        return activity;
    }

    private CallbackMessage Sign(Orchestration claimed, int attempt)
    {
        var body = serializer.Serialize(mapper.Map<OrchestrationStatusDto>(claimed));
        var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return new CallbackMessage(claimed.Callback!.Url, body,
        [
            new(CallbackHeaders.Signature, CallbackSignature.Compute(options.Value.Secret!, timestamp, body)),
            new(CallbackHeaders.Timestamp, timestamp),
            new(CallbackHeaders.Id, claimed.Callback!.IdFor(claimed.Id)),
            new(CallbackHeaders.Attempt, attempt.ToString(CultureInfo.InvariantCulture)),
        ]);
    }

    private async Task RecordOnShutdownAsync(Guid orchestrationId, OrchestrationCallback outcome)
    {
        using var timeout = new CancellationTokenSource(ShutdownRecordTimeout);
        try
        {
            await store.RecordCallbackAsync(orchestrationId, outcome, timeout.Token);
        }
        catch (Exception exception) when (exception is StoreUnavailableException or OperationCanceledException)
        {
            // The claim then runs out and the callback is taken up again.
            logger.LogWarning("Could not hand back the interrupted callback: {Reason}", exception.Message);
        }
    }

    /// <summary>Logs name the receiver's host only: a URL's path or query may carry the client's own tokens.</summary>
    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "?";
}
