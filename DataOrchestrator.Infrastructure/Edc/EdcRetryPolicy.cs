using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Which failed EDC calls are retried. Reads (GET) and the data plane registration (PUT, a replace) are retried on every
/// transient failure. Starting a transfer
/// (POST) is not idempotent, so it is retried only when EDC cannot have acted on it: the connection was never
/// made, or EDC said so (429, 503). A timeout or a 500 after the request was sent could mean a transfer exists, so
/// other POSTs are not repeated then. Starting a transfer is the exception: its request carries a client-chosen
/// <c>@id</c>, and EDC answers a repeated id with the process it already started, so it is retried like a read.
/// </summary>
internal static class EdcRetryPolicy
{
    public static ValueTask<bool> ShouldRetry(RetryPredicateArguments<HttpResponseMessage> args)
    {
        var outcome = args.Outcome;
        if (!HttpClientResiliencePredicates.IsTransient(outcome))
        {
            return ValueTask.FromResult(false);
        }

        var request = outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage();
        var method = request?.Method;
        if (method is null || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || IsTransferStart(request!))
        {
            return ValueTask.FromResult(true);
        }

        var safeToRepeat = outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
            || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        return ValueTask.FromResult(safeToRepeat);
    }

    private static bool IsTransferStart(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath.EndsWith("/transferprocesses", StringComparison.OrdinalIgnoreCase) == true;
}
