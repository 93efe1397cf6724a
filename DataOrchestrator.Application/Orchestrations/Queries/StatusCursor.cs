using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace DataOrchestrator.Application.Orchestrations.Queries;

/// <summary>The opaque <c>next_cursor</c> of GET /status: a versioned store position, base64url-encoded.</summary>
public static class StatusCursor
{
    private const string Prefix = "v1:";

    public static string Encode(long before) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + before.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string cursor, out long before)
    {
        before = 0;
        if (cursor.Length is 0 or > 64)
        {
            return false;
        }

        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out before);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
