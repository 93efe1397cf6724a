namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>
/// Points each Management API request at its connector: Refit builds <c>{placeholder}/v3/...</c>,
/// this handler swaps the placeholder for the connector's management base URL carried in the request's options.
/// </summary>
internal sealed class ManagementBaseUrlHandler : DelegatingHandler
{
    public const string PropertyKey = "DataOrchestrator.ManagementBaseUrl";

    /// <summary>Refit needs an absolute base address; every request is re-pointed before it leaves.</summary>
    public static readonly Uri Placeholder = new("http://edc-management.invalid");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(new HttpRequestOptionsKey<object?>(PropertyKey), out var value) || value is not Uri baseUrl)
        {
            throw new InvalidOperationException("A Management API request was sent without its connector's base URL.");
        }

        var relative = request.RequestUri!.PathAndQuery;
        request.RequestUri = new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + relative, UriKind.Absolute);
        return base.SendAsync(request, cancellationToken);
    }
}
