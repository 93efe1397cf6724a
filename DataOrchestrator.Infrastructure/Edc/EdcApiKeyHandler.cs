using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>Adds the connector's <c>X-Api-Key</c> to every Management API request.</summary>
internal sealed class EdcApiKeyHandler(IOptions<TransferOptions> options) : DelegatingHandler
{
    public const string HeaderName = "X-Api-Key";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, options.Value.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
