using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// Creates per-transfer EDR tokens shaped like the JWTs a real provider issues (three base64url
/// parts), so clients that log, truncate or inspect tokens meet realistic values. Nothing verifies
/// the signature: the data plane looks tokens up by value.
/// </summary>
internal static class EdrToken
{
    private static readonly string Header = Encode(new Dictionary<string, string>
    {
        ["kid"] = "edc-simulator#signing-key",
        ["alg"] = "EdDSA",
        ["typ"] = "JWT",
    });

    /// <summary>Issues token number <paramref name="sequence"/> of a transfer; the first <paramref name="expiredTokens"/> are stale.</summary>
    public static IssuedToken Issue(
        string transferProcessId, string contractId, int sequence, long issuedAtMs, int expiredTokens) =>
        new(
            Create(transferProcessId, contractId, issuedAtMs),
            Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32)),
            sequence,
            sequence < expiredTokens);

    public static string Create(string transferProcessId, string contractId, long issuedAtMs)
    {
        var claims = Encode(new Dictionary<string, object>
        {
            ["iss"] = "edc-simulator",
            ["aud"] = "consumer",
            ["sub"] = "provider",
            ["jti"] = Guid.NewGuid().ToString(),
            ["iat"] = issuedAtMs / 1000,
            ["agreement_id"] = contractId,
            ["process_id"] = transferProcessId,
        });
        var signature = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(64));
        return $"{Header}.{claims}.{signature}";
    }

    private static string Encode<T>(T value) =>
        Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value, SimulatorJson.Options));
}
