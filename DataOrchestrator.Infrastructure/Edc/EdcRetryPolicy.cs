using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Which failed EDC calls are retried. Reads (GET, and the POST of a query to <c>…/request</c>, including the dataset
/// request, except its relayed 502) and the data plane
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
        if (IsRelayedCatalogAnswer(outcome.Result))
        {
            return ValueTask.FromResult(false);
        }

        var method = request?.Method;
        if (method is null || method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || IsQuery(request!))
        {
            return ValueTask.FromResult(true);
        }

        var safeToRepeat = outcome.Exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError }
            || outcome.Result?.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;
        return ValueTask.FromResult(safeToRepeat);
    }

    /// <summary>
    /// What the circuit breaker counts as a failure of the connector: transient failures, except a dataset request's
    /// 502, which is the provider's refusal relayed by a connector that works (an unknown asset must not pause it).
    /// </summary>
    public static ValueTask<bool> IsConnectorFailure(Polly.CircuitBreaker.CircuitBreakerPredicateArguments<HttpResponseMessage> args) =>
        ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome) && !IsRelayedCatalogAnswer(args.Outcome.Result));

    /// <summary>EDC answers a dataset request with 502 when the provider refused it or could not be asked: its answer, not a fault.</summary>
    private static bool IsRelayedCatalogAnswer(HttpResponseMessage? response) =>
        response is { StatusCode: HttpStatusCode.BadGateway, RequestMessage: { } request } && request.Method == HttpMethod.Post
        && request.RequestUri?.AbsolutePath.EndsWith("/catalog/dataset/request", StringComparison.OrdinalIgnoreCase) == true;

    // Queries read: repeating them is safe.
    private static bool IsQuery(HttpRequestMessage request) =>
        request.Method == HttpMethod.Post && request.RequestUri?.AbsolutePath is { } path
        && QueryPaths.Any(query => path.EndsWith(query, StringComparison.OrdinalIgnoreCase));

    private static readonly string[] QueryPaths =
        ["/transferprocesses/request", "/catalog/dataset/request", "/contractagreements/request", "/edrs/request"];
}
