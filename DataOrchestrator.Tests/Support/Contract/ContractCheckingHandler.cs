namespace DataOrchestrator.Tests.Support.Contract;

/// <summary>Checks every response a functional test receives against the committed OpenAPI document.</summary>
/// <remarks>One handler per client (a handler joins one pipeline only); clients of one test share <paramref name="violations"/>.</remarks>
internal sealed class ContractCheckingHandler(OpenApiContract contract, List<string> violations) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var found = contract.Check(request.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
        lock (violations)
        {
            violations.AddRange(found);
        }

        return response;
    }
}
