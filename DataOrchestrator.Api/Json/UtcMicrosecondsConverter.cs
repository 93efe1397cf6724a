using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Api.Json;

/// <summary>Writes timestamps as the original did: UTC, microseconds, explicit offset (<c>2025-05-22T08:37:13.433908+00:00</c>).</summary>
internal sealed class UtcMicrosecondsConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'+00:00'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // Written raw: the value holds only digits, '-', ':', '.', 'T' and '+', and '+' must not become "\u002B" under a strict encoder.
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteRawValue($"\"{value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}\"", skipInputValidation: true);
}
