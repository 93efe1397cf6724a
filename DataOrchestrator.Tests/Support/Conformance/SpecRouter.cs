namespace DataOrchestrator.Tests.Support.Conformance;

/// <summary>
/// One address in front of two validating proxies, for a connector whose API spans two specifications: EDC 0.18 serves
/// the v4 API (management-api-4.1.0.yaml) and keeps EDR retrieval on v3 (management-api-3.1.6.yaml), so requests under
/// <see cref="SecondPrefix"/> go to the second proxy and everything else to the first. It forwards verbatim.
/// </summary>
internal static class SpecRouter
{
    public const string SecondPrefix = "/v3/edrs";

    public static Task<LoopbackForwarder> StartAsync(Uri first, Uri second) =>
        LoopbackForwarder.StartAsync(request =>
            LoopbackForwarder.Under(request.Path.StartsWithSegments(SecondPrefix) ? second : first, request.Path.Value!, request.QueryString));
}
