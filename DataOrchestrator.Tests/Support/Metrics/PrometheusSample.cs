namespace DataOrchestrator.Tests.Support.Metrics;

/// <summary>One sample line of the Prometheus text format: <c>name{label="value",…} value</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public string? this[string label] => Labels.GetValueOrDefault(label);

    /// <summary>As the line read, so a failed assertion shows the labels.</summary>
    public override string ToString() =>
        $"{Name}{{{string.Join(',', Labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} {Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
