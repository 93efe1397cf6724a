namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// The EDR data address: where the provider's data plane is and the token it wants.
/// The token is a secret: <see cref="ToString"/> never shows it.
/// </summary>
public sealed class EndpointDataReference(Uri endpoint, string authorization, string? authType)
{
    public Uri Endpoint { get; } = endpoint;

    public string Authorization { get; } = authorization;

    public string? AuthType { get; } = authType;

    /// <summary>
    /// Whether the token goes as <c>Bearer &lt;token&gt;</c>, when the address itself says so (a DPS address's
    /// <c>authType</c>); null leaves it to the connector's DATA_PLANE_TOKEN_SCHEME. An empty token sends no header.
    /// </summary>
    public bool? Bearer { get; init; }

    public EndpointDataReference WithEndpoint(Uri endpoint) =>
        endpoint == Endpoint ? this : new EndpointDataReference(endpoint, Authorization, AuthType) { Bearer = Bearer };

    public override string ToString() => $"EDR {{ Endpoint = {Endpoint}, AuthType = {AuthType}, Authorization = *** }}";
}
