using System.Globalization;
using DataOrchestrator.Application.Observability;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Counts and times every Management API request by endpoint and status code. It sits inside the resilience handler,
/// so each attempt is one request, as EDC sees it.
/// </summary>
internal sealed class EdcMetricsHandler(OrchestratorMetrics metrics, TimeProvider timeProvider) : DelegatingHandler
{
    /// <summary>The <c>status_code</c> of a request that got no response (refused, reset, timed out, cancelled).</summary>
    public const string NoResponse = "error";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var statusCode = NoResponse;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            statusCode = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            return response;
        }
        finally
        {
            metrics.RecordEdcRequest(EdcEndpoint.Of(request), statusCode, timeProvider.GetElapsedTime(started));
        }
    }
}
