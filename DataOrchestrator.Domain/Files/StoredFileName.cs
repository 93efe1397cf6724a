using System.Globalization;
using System.Text;

namespace DataOrchestrator.Domain.Files;

/// <summary>
/// Names a downloaded file as the original service did: <c>file_{transferId}_{yyyyMMddHHmmss}_{6 hex}.{ext}</c>.
/// The transfer id comes from a remote connector, so it is reduced to a safe character set first:
/// no id can make the name leave the data directory.
/// </summary>
public static class StoredFileName
{
    private const int MaxIdLength = 128;

    public static string Create(string transferId, string? contentType, DateTimeOffset now, string randomHex)
    {
        if (randomHex.Length != 6 || !randomHex.All(Uri.IsHexDigit))
        {
            throw new ArgumentException("Expected six hex digits.", nameof(randomHex));
        }

        var timestamp = now.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        return $"file_{SanitizeId(transferId)}_{timestamp}_{randomHex.ToLowerInvariant()}.{ContentTypeExtensions.For(contentType)}";
    }

    /// <summary>Keeps letters, digits, '-' and '_'; everything else (path separators, dots, control characters) becomes '_'.</summary>
    public static string SanitizeId(string? transferId)
    {
        if (string.IsNullOrEmpty(transferId))
        {
            return "unknown";
        }

        var builder = new StringBuilder(Math.Min(transferId.Length, MaxIdLength));
        foreach (var c in transferId.AsSpan(0, Math.Min(transferId.Length, MaxIdLength)))
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_');
        }

        return builder.ToString();
    }
}
