using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Json;

/// <summary>Writes timestamps as the original did: UTC, microseconds, explicit offset (<c>2025-05-22T08:37:13.433908+00:00</c>).</summary>
public sealed class UtcMicrosecondsConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";

    /// <summary>"yyyy-MM-ddTHH:mm:ss.ffffff": the round-trip format's first 26 characters, its seventh fraction digit cut off.</summary>
    private const int MicrosecondsLength = 26;

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>
    /// Formatted straight into UTF-8 with the round-trip format, which has a fast path (a custom format string and a
    /// string per value made timestamps the largest single cost of GET /status). Cutting the seventh digit truncates,
    /// as <c>ffffff</c> does. Written raw: the value holds only digits, '-', ':', '.', 'T' and '+', and '+' must not
    /// become "\u002B" under a strict encoder.
    /// </summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> json = stackalloc byte[64];
        json[0] = (byte)'"';
        if (!value.UtcDateTime.TryFormat(json[1..], out var written, "O", CultureInfo.InvariantCulture) || written < MicrosecondsLength)
        {
            throw new JsonException($"Timestamp {value:O} could not be formatted.");
        }

        var end = 1 + MicrosecondsLength;
        "+00:00\""u8.CopyTo(json[end..]);
        writer.WriteRawValue(json[..(end + 7)], skipInputValidation: true);
    }
}
