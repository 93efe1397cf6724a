namespace DataOrchestrator.EdcSimulator.Scenarios;

/// <summary>
/// The EDC error a refused dataset request answers with. The default is a 502 BadGateway that is not the provider's
/// 404: EDC's answer when the provider could not be reached at all (its BaseCatalogApiController turns any failed
/// or thrown dispatch into a BadGatewayException).
/// </summary>
public sealed record CatalogRejection
{
    public int Status { get; init; } = StatusCodes.Status502BadGateway;

    /// <summary>EDC error type, e.g. BadGateway.</summary>
    public string Type { get; init; } = "BadGateway";

    /// <summary>Error message; null means a "provider unreachable" message naming the dataset.</summary>
    public string? Message { get; init; }

    internal string MessageFor(string assetId, string counterPartyAddress) =>
        Message ?? $"Failed to request dataset {assetId} from {counterPartyAddress}: Connection refused (simulated)";
}
