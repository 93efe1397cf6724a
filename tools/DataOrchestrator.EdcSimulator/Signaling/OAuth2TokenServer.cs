using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// A token server for DPS's <c>oauth2_client_credentials</c> profile, under <c>/_sim/oauth2</c>: <c>POST /token</c>
/// (client credentials grant, credentials in the form body or as HTTP Basic) issues an RS256 JWT with <c>iss</c>,
/// <c>sub</c> = the client id, <c>aud</c>, <c>iat</c>, <c>exp</c> and <c>jti</c>; <c>GET /jwks</c> publishes its key.
/// Every client id is known; its secret must be <see cref="ClientSecret"/>. Tests may also mint tokens directly.
/// </summary>
public sealed class OAuth2TokenServer : IDisposable
{
    public const string BasePath = "/_sim/oauth2";
    public const string DefaultClientSecret = "simulator-client-secret";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly RsaSecurityKey _key;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler = new();
    private int _issued;
    private int _lifetimeSeconds = 3600;

    internal OAuth2TokenServer(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _key = new RsaSecurityKey(_rsa) { KeyId = Guid.NewGuid().ToString("N") };
    }

    /// <summary>The secret every client must present.</summary>
    public string ClientSecret { get; set; } = DefaultClientSecret;

    /// <summary>The lifetime of issued tokens (<c>expires_in</c>).</summary>
    public int LifetimeSeconds
    {
        get => Volatile.Read(ref _lifetimeSeconds);
        set => Volatile.Write(ref _lifetimeSeconds, value);
    }

    /// <summary>How many tokens <c>POST /token</c> has issued.</summary>
    public int TokensIssued => Volatile.Read(ref _issued);

    /// <summary>Signs a token; <paramref name="lifetime"/> may be negative for an expired one.</summary>
    public string Mint(string issuer, string subject, TimeSpan lifetime, string? audience = null)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var issuedAt = lifetime < TimeSpan.Zero ? now + lifetime - TimeSpan.FromMinutes(1) : now;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = subject, ["jti"] = Guid.NewGuid().ToString() },
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The public key as a JSON Web Key Set.</summary>
    public JsonObject Jwks()
    {
        var parameters = _rsa.ExportParameters(includePrivateParameters: false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["kid"] = _key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            }),
        };
    }

    /// <summary>The keys tokens are checked against when a registration names this server's JWKS.</summary>
    internal SecurityKey SigningKey => _key;

    internal (string AccessToken, int ExpiresIn) Issue(string issuer, string clientId)
    {
        var lifetime = LifetimeSeconds;
        Interlocked.Increment(ref _issued);
        return (Mint(issuer, clientId, TimeSpan.FromSeconds(lifetime), audience: clientId), lifetime);
    }

    public void Dispose() => _rsa.Dispose();
}
