using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The <c>oauth2_client_credentials</c> profile of a data plane registration, as EDC reads it (facts §3.2): the
/// control plane takes tokens at <see cref="TokenEndpoint"/> with the data plane's credentials to call it, and checks
/// the data plane's callback tokens (signature against <see cref="JwksUri"/> when given; <c>sub</c> = dataplaneId).
/// </summary>
public sealed record AuthorizationProfile(string TokenEndpoint, string ClientId, string ClientSecret, string? JwksUri)
{
    public const string OAuth2ClientCredentials = "oauth2_client_credentials";

    /// <summary>The profile of an <c>authorization</c> object, or null when it is absent or of another type (sent no token).</summary>
    public static AuthorizationProfile? Parse(string? authorizationJson)
    {
        if (authorizationJson is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(authorizationJson);
        var root = document.RootElement;
        return Text(root, "type") == OAuth2ClientCredentials
               && Text(root, "tokenEndpoint") is { } tokenEndpoint
               && Text(root, "clientId") is { } clientId
               && Text(root, "clientSecret") is { } clientSecret
            ? new AuthorizationProfile(tokenEndpoint, clientId, clientSecret, Text(root, "jwksUri"))
            : null;
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
