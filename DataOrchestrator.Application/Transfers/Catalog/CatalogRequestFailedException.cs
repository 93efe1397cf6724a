using DataOrchestrator.Domain.Orchestrations;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>
/// The connector relayed the provider's refusal of a dataset request (EDC answers 502 with the provider's DSP
/// CatalogError, or 404): a definitive answer, unlike an unreachable connector.
/// </summary>
public sealed class CatalogRequestFailedException : Exception
{
    public CatalogRequestFailedException()
    {
    }

    public CatalogRequestFailedException(string message)
        : base(message)
    {
    }

    public CatalogRequestFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CatalogRequestFailedException(bool assetNotFound, string message, IReadOnlyList<EdcError> errors)
        : base(message)
    {
        AssetNotFound = assetNotFound;
        Errors = errors;
    }

    /// <summary>The provider has no such dataset (its CatalogError code 404, or EDC's own 404).</summary>
    public bool AssetNotFound { get; }

    public IReadOnlyList<EdcError> Errors { get; } = [];
}
