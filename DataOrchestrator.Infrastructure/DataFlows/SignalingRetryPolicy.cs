using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure.DataFlows;

/// <summary>
/// Which failed callbacks to the control plane are retried: every transient failure, and a 409 to <c>completed</c>.
/// EDC accepts <c>completed</c> only once the transfer is STARTED, and it moves there only after our 200 to its
/// <c>started</c> message has reached it; a small file can be saved before that, and its first <c>completed</c> is
/// then refused with 409 although a moment later it is accepted.
/// </summary>
internal static class SignalingRetryPolicy
{
    private const string CompletedSuffix = "/dataflow/completed";

    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) || IsEarlyCompleted(args.Outcome.Result));

    private static bool IsEarlyCompleted(HttpResponseMessage? response) =>
        response is { StatusCode: HttpStatusCode.Conflict }
        && response.RequestMessage?.RequestUri?.AbsolutePath.EndsWith(CompletedSuffix, StringComparison.Ordinal) == true;
}
