namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>Items of type <c>edc-catalog</c>: which offers may be agreed to, and what may be reused instead of negotiating.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "Catalog";

    /// <summary>
    /// The JSON file of ODRL policies the service may agree to, globally and per provider (env
    /// <c>ACCEPTED_POLICIES_FILE</c>, format in docs/accepted-policies.md). Unset: only offers without constraints.
    /// A file that is missing or invalid stops the service at start.
    /// </summary>
    public string? AcceptedPoliciesFile { get; set; }

    /// <summary>Reuse a finalized agreement for the same asset and provider instead of negotiating again (env <c>REUSE_AGREEMENTS</c>).</summary>
    public bool ReuseAgreements { get; set; } = true;

    /// <summary>Reuse a cached EDR of Tractus-X EDC's EDR cache instead of starting a transfer (env <c>REUSE_EDRS</c>); opt-in.</summary>
    public bool ReuseEdrs { get; set; }
}
