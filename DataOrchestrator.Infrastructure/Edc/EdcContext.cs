namespace DataOrchestrator.Infrastructure.Edc;

/// <summary>The JSON-LD contexts and vocabularies of EDC's Management API.</summary>
internal static class EdcContext
{
    /// <summary>Management API v3 (<c>management-context-v1.jsonld</c>).</summary>
    public const string ManagementV3 = "https://w3id.org/edc/connector/management/v0.0.1";

    /// <summary>Management API v4 (<c>management-context-v2.jsonld</c>): every v4 request's <c>@context</c> must contain it.</summary>
    public const string ManagementV4 = "https://w3id.org/edc/connector/management/v2";

    /// <summary>EDC's own vocabulary, the <c>@vocab</c> of the v3 ContractRequest as management-api-3.1.3.yaml declares it.</summary>
    public const string EdcVocabulary = "https://w3id.org/edc/v0.0.1/ns/";

    /// <summary>The ODRL context, scoped to the v3 offer policy so its terms expand into ODRL rather than EDC's vocabulary.</summary>
    public const string Odrl = "http://www.w3.org/ns/odrl.jsonld";

    public static IReadOnlyList<string> ArrayFor(bool v4) => [v4 ? ManagementV4 : ManagementV3];
}
