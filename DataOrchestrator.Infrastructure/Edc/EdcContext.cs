namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The JSON-LD context of EDC's Management API v3 (<c>management-context-v1.jsonld</c>).</summary>
internal static class EdcContext
{
    public const string ManagementV3 = "https://w3id.org/edc/connector/management/v0.0.1";
}
