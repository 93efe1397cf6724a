using System.Globalization;
using System.Text.Json;
using DataOrchestrator.Infrastructure.Json;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Json;

public sealed class UtcMicrosecondsConverterTests
{
    [Test]
    public void ShouldWriteTimestampsLikeTheOriginal()
    {
        var options = new JsonSerializerOptions { Converters = { new UtcMicrosecondsConverter() } };
        var value = new DateTimeOffset(2025, 5, 22, 10, 37, 13, TimeSpan.FromHours(2)).AddTicks(4339080);
        Assert.That(JsonSerializer.Serialize(value, options), Is.EqualTo("\"2025-05-22T08:37:13.433908+00:00\""));
    }

    [Test]
    public void ShouldWriteTimestampsAsTheCustomFormatDoes_TruncatingTheSeventhDigit()
    {
        var options = new JsonSerializerOptions { Converters = { new UtcMicrosecondsConverter() } };
        DateTimeOffset[] values =
        [
            DateTimeOffset.MinValue, DateTimeOffset.MaxValue, DateTimeOffset.UnixEpoch,
            new(2026, 11, 28, 23, 59, 59, TimeSpan.FromHours(-11)), new DateTimeOffset(2024, 2, 29, 0, 0, 0, TimeSpan.Zero).AddTicks(9),
            new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999),
        ];

        Assert.That(
            values.Select(v => JsonSerializer.Serialize(v, options)),
            Is.EqualTo(values.Select(v => $"\"{v.UtcDateTime.ToString(UtcMicrosecondsConverter.Format, CultureInfo.InvariantCulture)}\"")));
    }
}
