using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
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

    public async Task<DataPayload> OpenAsync(EndpointDataReference dataReference, bool bearer, ResumeFrom? from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dataReference);
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, dataReference.Endpoint);
        if (dataReference.Authorization.Length > 0)
        {
            var token = bearer ? $"Bearer {dataReference.Authorization}" : dataReference.Authorization;
            request.Headers.TryAddWithoutValidation("Authorization", token);
        }
        if (from is not null)
        {
            request.Headers.Range = new RangeHeaderValue(from.Offset, null);
            if (from.Validator is { } validator)
            {
                request.Headers.TryAddWithoutValidation("If-Range", validator);
            }
        }

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
            var headers = response.Content.Headers;
            var range = response.StatusCode == HttpStatusCode.PartialContent ? headers.ContentRange : null;
            if (response.StatusCode == HttpStatusCode.PartialContent && range?.From is null)
            {
                throw new DataPlaneException("the data plane answered 206 without a byte range.");
            }

            return new DataPayload(stream, headers.ContentType?.ToString(), range is null ? headers.ContentLength : range.Length, response)
            {
                StartsAt = range?.From ?? 0,
                Validator = response.Headers.ETag?.ToString() ?? headers.LastModified?.ToString("R", CultureInfo.InvariantCulture),
            };
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
