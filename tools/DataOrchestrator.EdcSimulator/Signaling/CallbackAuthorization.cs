using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// EDC's inbound side of <c>oauth2_client_credentials</c> (<c>Oauth2CredentialsSignalingAuthorization</c>): a callback
/// about a transfer whose data plane registered the profile needs <c>Authorization: Bearer</c> with a signed JWT whose
/// <c>sub</c> is that data plane's id, with an <c>exp</c> not passed and an <c>iat</c> not in the future; its signature is
/// checked against the profile's <c>jwksUri</c> when one was registered. <c>iss</c> and <c>aud</c> are not checked.
/// </summary>
internal sealed class CallbackAuthorization(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, JsonWebKeySet> _keys = new(StringComparer.Ordinal);
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Null when the call may go on; otherwise why it is refused (answered 401).</summary>
    public async Task<string?> RefusalAsync(HttpRequest request, DataPlaneRegistration? dataPlane)
    {
        if (dataPlane?.Authorization is not { } profile)
        {
            return null;
        }

        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header) || header.Scheme != "Bearer" || header.Parameter is not { } token)
        {
            return "no bearer token";
        }

        JsonWebToken jwt;
        try
        {
            jwt = _handler.ReadJsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return "not a JWT";
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        if (!jwt.IsSigned)
        {
            return "not signed";
        }

        if (jwt.Subject != dataPlane.DataplaneId)
        {
            return "sub is not the data plane's id";
        }

        if (!jwt.TryGetPayloadValue<long>("exp", out _) || jwt.ValidTo <= now)
        {
            return "expired or without exp";
        }

        if (jwt.TryGetPayloadValue<long>("iat", out _) && jwt.IssuedAt > now.AddSeconds(5))
        {
            return "issued in the future";
        }

        if (profile.JwksUri is null)
        {
            return null;
        }

        var keys = await KeysAsync(profile.JwksUri, request.HttpContext.RequestAborted);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = keys.GetSigningKeys(),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
        });
        return result.IsValid ? null : "signature not valid";
    }

    private async Task<JsonWebKeySet> KeysAsync(string jwksUri, CancellationToken ct)
    {
        if (_keys.TryGetValue(jwksUri, out var cached))
        {
            return cached;
        }

        var json = await httpClientFactory.CreateClient(DataPlaneClient.HttpClientName).GetStringAsync(jwksUri, ct);
        return _keys[jwksUri] = new JsonWebKeySet(json);
    }
}
