using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Points each Management API request at its connector and signs it with that connector's key: Refit builds
/// <c>{placeholder}/v3/...</c>; this handler swaps in the management base URL and adds <c>X-Api-Key</c> from the
/// <see cref="EdcConnection"/> the call carries in its request options.
/// </summary>
internal sealed class EdcConnectionHandler : DelegatingHandler
{
    public const string PropertyKey = "DataOrchestrator.EdcConnection";
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Refit needs an absolute base address; every request is re-pointed before it leaves.</summary>
    public static readonly Uri Placeholder = new("http://edc-management.invalid");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(new HttpRequestOptionsKey<object?>(PropertyKey), out var value) || value is not EdcConnection connection)
        {
            throw new InvalidOperationException("A Management API request was sent without its connector.");
        }

        var relative = request.RequestUri!.PathAndQuery;
        request.RequestUri = new Uri(connection.ManagementBaseUrl.AbsoluteUri.TrimEnd('/') + relative, UriKind.Absolute);
        request.Headers.Remove(ApiKeyHeader);
        request.Headers.TryAddWithoutValidation(ApiKeyHeader, connection.ApiKey);
        return base.SendAsync(request, cancellationToken);
    }
}
