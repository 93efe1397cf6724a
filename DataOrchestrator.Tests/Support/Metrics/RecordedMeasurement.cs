namespace DataOrchestrator.Tests.Support.Metrics;

/// <summary>One measurement an instrument recorded, with its tags.</summary>
internal sealed record RecordedMeasurement(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? this[string tag] => Tags.GetValueOrDefault(tag);
}
