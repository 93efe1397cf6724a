using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DataOrchestrator.Domain.Files;

/// <summary>
/// Names a downloaded file as the original service did: <c>file_{transferId}_{yyyyMMddHHmmss}_{6 hex}.{ext}</c>.
/// The transfer id comes from a remote connector, so it is reduced to a safe character set first:
/// no id can make the name leave the data directory, and no id can make it longer than a file system allows.
/// </summary>
public static partial class StoredFileName
{
    private const int MaxIdLength = 128;
    private const int HashHexDigits = 16;

    private static readonly SearchValues<char> KeptCharacters =
        SearchValues.Create("-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz");

    public static string Create(string transferId, string? contentType, DateTimeOffset now, string randomHex)
    {
        if (randomHex.Length != 6 || !randomHex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Expected six hex digits.", nameof(randomHex));
        }

        var timestamp = now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"file_{SanitizeId(transferId)}_{timestamp}_{randomHex.ToLowerInvariant()}.{ContentTypeExtensions.For(contentType)}";
    }

    /// <summary>
    /// Keeps letters, digits, '-' and '_' of the first 128 characters; everything else (path separators, dots, control
    /// characters, non-ASCII) becomes '_'. An id that had to be changed gets '.' and 16 hex digits of its SHA-256
    /// appended, so two ids never share a name part ("a/b" and "a_b" differ, as do long ids with a common start): the
    /// files of one transfer are never mistaken for another's. At most 145 ASCII characters.
    /// </summary>
    public static string SanitizeId(string? transferId)
    {
        if (string.IsNullOrEmpty(transferId))
        {
            return "unknown";
        }

        var kept = transferId.AsSpan(0, Math.Min(transferId.Length, MaxIdLength));
        var builder = new StringBuilder(kept.Length + 1 + HashHexDigits);
        foreach (var c in kept)
        {
            builder.Append(KeptCharacters.Contains(c) ? c : '_');
        }

        if (kept.Length < transferId.Length || kept.ContainsAnyExcept(KeptCharacters))
        {
            // '.' never occurs in a kept id, so a changed id cannot collide with one that was kept as it was.
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(transferId));
            builder.Append('.').Append(Convert.ToHexStringLower(hash)[..HashHexDigits]);
        }

        return builder.ToString();
    }

    /// <summary>Whether <paramref name="fileName"/> is exactly a name <see cref="Create"/> gives a file of this transfer.</summary>
    public static bool IsNameOf(string fileName, string? transferId)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var prefix = $"file_{SanitizeId(transferId)}_";
        return fileName.StartsWith(prefix, StringComparison.Ordinal) && Tail().IsMatch(fileName.AsSpan(prefix.Length));
    }

    /// <summary>What follows the id: the timestamp, the random part and the extension, nothing more.</summary>
    [GeneratedRegex(@"^[0-9]{14}_[0-9a-f]{6}\.[a-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Tail();
}
