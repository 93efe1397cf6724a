using System.Security.Cryptography;
using System.Text;

namespace DataOrchestrator.Api.Authentication;

/// <summary>
/// Reads <c>API_KEYS</c> entries into SHA-256 hashes: a plain key is hashed, a <c>sha256:&lt;64 hex&gt;</c> entry is
/// already one. Verification only ever compares hashes, so both forms behave the same.
/// </summary>
internal static class ConfiguredApiKeys
{
    public const string HashPrefix = "sha256:";

    /// <summary>The seed default of <c>EDC_API_KEY</c>, which is also the client key while <c>API_KEYS</c> is unset.</summary>
    public const string DefaultKey = "password";

    private const int HashHexLength = SHA256.HashSizeInBytes * 2;

    public static IReadOnlyList<string> Entries(string? apiKeys) =>
        (apiKeys ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static bool IsHash(string entry) => entry.StartsWith(HashPrefix, StringComparison.OrdinalIgnoreCase);

    public static bool IsMalformedHash(string entry) =>
        IsHash(entry) && (entry.Length != HashPrefix.Length + HashHexLength || !entry[HashPrefix.Length..].All(char.IsAsciiHexDigit));

    /// <summary>The hashes of the client keys: <c>API_KEYS</c>, or <paramref name="fallbackKey"/> when it has no entries.</summary>
    /// <remarks>Entries are validated at start (<see cref="ApiKeyOptions"/>), so a malformed hash cannot reach here.</remarks>
    public static byte[][] Hashes(string? apiKeys, string fallbackKey)
    {
        var entries = Entries(apiKeys);
        return entries.Count == 0
            ? [Hash(fallbackKey)]
            : entries.Select(e => IsHash(e) ? Convert.FromHexString(e.AsSpan(HashPrefix.Length)) : Hash(e)).ToArray();
    }

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
