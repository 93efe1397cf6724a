using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Which failed EDC calls are retried. Reads (GET, and the POST of a query to <c>…/request</c>) and the data plane
/// registration (PUT, a replace) are retried on every transient failure. Other POSTs (starting a transfer or a
/// negotiation, terminating) are not idempotent: EDC 0.17 and later ignore a client-chosen <c>@id</c> and start a new
/// process for every request. So they are retried only when EDC cannot have acted on them: the connection was never
/// made, or EDC said so (429, 503). After a timeout or a 500 a transfer may exist; the pipeline looks it up by its
/// attempt key before it starts again (<c>StartTransferStep</c>).
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
        if (method is null || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || IsQuery(request!))
        {
            return ValueTask.FromResult(true);
        }

        var safeToRepeat = outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
            || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        return ValueTask.FromResult(safeToRepeat);
    }

    private static bool IsQuery(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath.EndsWith("/transferprocesses/request", StringComparison.OrdinalIgnoreCase) == true;
}
