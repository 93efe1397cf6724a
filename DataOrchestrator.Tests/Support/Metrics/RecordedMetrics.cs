using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Support.Metrics;

/// <summary>
/// A real <see cref="OrchestratorMetrics"/> over a meter factory of its own, and a listener that keeps what it records.
/// Only this factory's instruments are listened to, so other tests' measurements never show up here. Durations are
/// measured on the given clock, by default a fake one that stands still.
/// </summary>
internal sealed class RecordedMetrics : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<RecordedMeasurement> _measurements = new();

    public RecordedMetrics(TimeProvider? timeProvider = null)
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new OrchestratorMetrics(factory, timeProvider ?? new FakeTimeProvider());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public OrchestratorMetrics Metrics { get; }

    /// <summary>Measurements of one instrument, oldest first; observable instruments are read now.</summary>
    public IReadOnlyList<RecordedMeasurement> Of(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _measurements.Where(m => m.Instrument == instrument).ToArray();
    }

    /// <summary>The value an instrument reports now (an observable one is read for it).</summary>
    public double Latest(string instrument) => Of(instrument)[^1].Value;

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measurements.Enqueue(new RecordedMeasurement(
            instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString(), StringComparer.Ordinal)));
}
