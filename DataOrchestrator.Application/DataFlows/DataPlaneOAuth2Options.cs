using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// The spec's <c>oauth2_client_credentials</c> profile as EDC uses it (facts §3.2). It is registered with the control
/// plane, which takes tokens with these credentials to call the service; the service takes tokens with them for its
/// callbacks, and checks incoming tokens against <see cref="JwksUri"/> (and <see cref="Issuer"/>/<see cref="Audience"/> when set).
/// </summary>
public sealed class DataPlaneOAuth2Options
{
    /// <summary>The token endpoint (env <c>DATAPLANE_OAUTH2_TOKEN_ENDPOINT</c>): client credentials grant.</summary>
    public string? TokenEndpoint { get; set; }

    /// <summary>The client id (env <c>DATAPLANE_OAUTH2_CLIENT_ID</c>); defaults to <c>DATAPLANE_ID</c>, since EDC accepts a callback only when its token's <c>sub</c> is the data plane's id.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (env <c>DATAPLANE_OAUTH2_CLIENT_SECRET</c>); registered with the control plane, never logged.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Where the token server publishes its signing keys (env <c>DATAPLANE_OAUTH2_JWKS_URI</c>); registered too, so the control plane checks the service's tokens.</summary>
    public string? JwksUri { get; set; }

    /// <summary>The <c>iss</c> incoming tokens must carry (env <c>DATAPLANE_OAUTH2_ISSUER</c>); not checked when unset.</summary>
    public string? Issuer { get; set; }

    /// <summary>An <c>aud</c> incoming tokens must carry (env <c>DATAPLANE_OAUTH2_AUDIENCE</c>); not checked when unset (EDC forwards whatever the token server issues).</summary>
    public string? Audience { get; set; }

    public string ClientIdOr(string dataPlaneId) => string.IsNullOrWhiteSpace(ClientId) ? dataPlaneId : ClientId;

    internal IEnumerable<ValidationResult> Check(bool allowHttp)
    {
        foreach (var (name, env, value) in new[]
                 {
                     (nameof(TokenEndpoint), "DATAPLANE_OAUTH2_TOKEN_ENDPOINT", TokenEndpoint),
                     (nameof(JwksUri), "DATAPLANE_OAUTH2_JWKS_URI", JwksUri),
                 })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return new ValidationResult($"OAuth2:{name} ({env}) is required with DATAPLANE_AUTH=oauth2.", [name]);
            }
            else if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || (url.Scheme == "http" && !allowHttp))
            {
                yield return new ValidationResult(
                    $"OAuth2:{name} ({env}) must be an absolute https URL (http only with DATAPLANE_ALLOW_HTTP_ENDPOINTS=true).", [name]);
            }
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult("OAuth2:ClientSecret (DATAPLANE_OAUTH2_CLIENT_SECRET) is required with DATAPLANE_AUTH=oauth2.", [nameof(ClientSecret)]);
        }
    }
}
