namespace DataOrchestrator.Api.Authentication;

/// <summary>Keys that clients present in <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyOptions
{
    public const string SectionName = "Auth";

    /// <summary>Comma-separated client keys (env <c>API_KEYS</c>). Empty: clients use <c>EDC_API_KEY</c>, as in the original.</summary>
    public string? ApiKeys { get; set; }
}
