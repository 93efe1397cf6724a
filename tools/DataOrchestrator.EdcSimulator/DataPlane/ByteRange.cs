using System.Globalization;

namespace DataOrchestrator.EdcSimulator.DataPlane;

/// <summary>The slice of a payload one <c>Range: bytes=…</c> request asks for, <see cref="Start"/> to <see cref="End"/> (exclusive).</summary>
internal readonly record struct ByteRange(long Start, long End)
{
    private const string Prefix = "bytes=";

    public long Length => End - Start;

    /// <summary>The <c>Content-Range</c> value; <c>*</c> for the complete length when the download hides it.</summary>
    public string ContentRange(long? completeLength) => string.Create(
        CultureInfo.InvariantCulture, $"bytes {Start}-{End - 1}/{(completeLength is { } length ? length.ToString(CultureInfo.InvariantCulture) : "*")}");

    /// <summary>
    /// Reads one range (<c>bytes=N-</c>, <c>bytes=N-M</c> or <c>bytes=-S</c>) against a payload of <paramref name="length"/>
    /// bytes. Null, with <paramref name="unsatisfiable"/> false, means "serve it whole": no header, another unit, several
    /// ranges or a malformed one, all of which RFC 9110 lets a server ignore. Null with <paramref name="unsatisfiable"/>
    /// true means a 416: the range starts at or past the end.
    /// </summary>
    public static ByteRange? Parse(string? header, long length, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (header is null || !header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return null;
        }

        var spec = header.AsSpan(Prefix.Length).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0 || !TryParseNumber(spec[(dash + 1)..], out var last, allowEmpty: true))
        {
            return null;
        }

        if (dash == 0)
        {
            // Suffix range: the last N bytes.
            if (last is not { } suffix || suffix == 0 || length == 0)
            {
                unsatisfiable = last is not null;
                return null;
            }

            return new ByteRange(Math.Max(0, length - suffix), length);
        }

        if (!TryParseNumber(spec[..dash], out var first, allowEmpty: false) || first is not { } start || (last is { } end && end < start))
        {
            return null;
        }

        if (start >= length)
        {
            unsatisfiable = true;
            return null;
        }

        return new ByteRange(start, Math.Min(length, (last ?? long.MaxValue - 1) + 1));
    }

    private static bool TryParseNumber(ReadOnlySpan<char> text, out long? number, bool allowEmpty)
    {
        number = null;
        if (text.IsEmpty)
        {
            return allowEmpty;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        number = value;
        return true;
    }
}
