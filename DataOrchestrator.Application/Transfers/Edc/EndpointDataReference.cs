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

    public EndpointDataReference WithEndpoint(Uri endpoint) =>
        endpoint == Endpoint ? this : new EndpointDataReference(endpoint, Authorization, AuthType);

    public override string ToString() => $"EDR {{ Endpoint = {Endpoint}, AuthType = {AuthType}, Authorization = *** }}";
}
