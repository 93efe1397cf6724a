namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>A consumer data plane registered through <c>PUT /v4/dataplanes</c> (plain JSON, EDC's record).</summary>
/// <param name="DataplaneId">Key of the registration; a repeat PUT replaces it.</param>
/// <param name="Endpoint">The data plane's <c>/dataflows</c> base: the simulator posts to <c>{Endpoint}/prepare</c> etc.</param>
/// <param name="TransferTypes">Transfer types it serves; selection needs the exact transferType among them.</param>
/// <param name="Labels">Its labels; selection needs them to include every label of the TransferRequest.</param>
/// <param name="AuthorizationJson">The <c>authorization</c> object as sent, or null; an <c>oauth2_client_credentials</c> one is used as EDC does (<see cref="Authorization"/>).</param>
public sealed record DataPlaneRegistration(
    string DataplaneId,
    string Endpoint,
    IReadOnlyList<string> TransferTypes,
    IReadOnlyList<string> Labels,
    string? AuthorizationJson)
{
    /// <summary>The <c>oauth2_client_credentials</c> profile registered, or null (no token sent, none asked for).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public AuthorizationProfile? Authorization { get; } = AuthorizationProfile.Parse(AuthorizationJson);

    /// <summary>EDC's <c>selectFor</c>: the exact transfer type, and labels a superset of the requested ones.</summary>
    public bool Serves(string transferType, IEnumerable<string> labels) =>
        TransferTypes.Contains(transferType, StringComparer.Ordinal) && labels.All(label => Labels.Contains(label, StringComparer.Ordinal));
}
