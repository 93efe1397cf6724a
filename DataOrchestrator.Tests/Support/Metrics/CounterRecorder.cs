using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Observability;

namespace DataOrchestrator.Tests.Support.Metrics;

/// <summary>
/// Sums the measurements of the service's counters created through one <see cref="IMeterFactory"/> (one service
/// instance), so meters of other instances in the same test process do not count.
/// </summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new();
    private readonly ConcurrentDictionary<string, string?> _units = new();

    public CounterRecorder(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OrchestratorMeter.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                _units[instrument.Name] = instrument.Unit;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value));
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public string? Unit(string instrument) => _units.GetValueOrDefault(instrument);

    public void Dispose() => _listener.Dispose();
}
