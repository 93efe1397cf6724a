using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Application.Transfers.DataPlane;
using DataOrchestrator.Application.Transfers.Edc;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DataOrchestrator.Infrastructure.DataPlane;

/// <summary>Downloads from a provider's data plane with the EDR token, streaming the body.</summary>
internal sealed class HttpDataPlaneClient(HttpClient httpClient, IOptions<TransferOptions> options) : IDataPlaneClient
{
    public const string HttpClientName = "DataPlane";

    public async Task<DataPayload> OpenAsync(EndpointDataReference dataReference, bool bearer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataReference);
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, dataReference.Endpoint);
        var token = bearer ? $"Bearer {dataReference.Authorization}" : dataReference.Authorization;
        request.Headers.TryAddWithoutValidation("Authorization", token);

        HttpResponseMessage response;
        try
        {
            response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new DataPlaneException($"the data plane at {dataReference.Endpoint.GetLeftPart(UriPartial.Authority)} could not be reached: {exception.Message}", null, exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new DataPlaneException($"the data plane answered HTTP {status} {response.ReasonPhrase}.", status);
        }

        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var stream = new IdleTimeoutStream(body, settings.DownloadIdleTimeout);
            return new DataPayload(stream, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.ContentLength, response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
