namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Decides, call by call, whether a call fails and how: a <see cref="Rate"/> fraction of calls get one of the
/// <see cref="FaultKind"/>s, chosen uniformly. Seeded, so a run's sequence of decisions is reproducible.
/// </summary>
public sealed class FaultInjector
{
    private static readonly FaultKind[] Kinds = Enum.GetValues<FaultKind>();

    private readonly Lock _lock = new();
    private Random _random;
    private double _rate;
    private int _seed;
    private TimeSpan _delay;

    public FaultInjector(double rate, int seed, TimeSpan delay)
    {
        _random = new Random(seed);
        Configure(new FaultSetting(rate, seed, (int)delay.TotalMilliseconds));
    }

    /// <summary>Fraction of calls that fail, 0 to 1.</summary>
    public double Rate
    {
        get
        {
            lock (_lock)
            {
                return _rate;
            }
        }
    }

    /// <summary>How long a <see cref="FaultKind.Timeout"/> call stays silent.</summary>
    public TimeSpan Delay
    {
        get
        {
            lock (_lock)
            {
                return _delay;
            }
        }
    }

    public FaultSetting Setting
    {
        get
        {
            lock (_lock)
            {
                return new FaultSetting(_rate, _seed, (int)_delay.TotalMilliseconds);
            }
        }
    }

    /// <summary>Applies a setting; a seed restarts the random sequence, so equal settings give equal sequences.</summary>
    public void Configure(FaultSetting setting)
    {
        ArgumentNullException.ThrowIfNull(setting);
        var problems = setting.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(setting));
        }

        lock (_lock)
        {
            _rate = setting.Rate;
            if (setting.Seed is { } seed)
            {
                _seed = seed;
                _random = new Random(seed);
            }

            if (setting.DelayMs is { } delayMs)
            {
                _delay = TimeSpan.FromMilliseconds(delayMs);
            }
        }
    }

    /// <summary>The fault for the next call, or null when it goes through untouched.</summary>
    public FaultKind? Next()
    {
        lock (_lock)
        {
            if (_rate <= 0)
            {
                return null;
            }

            // Two draws per call whatever the outcome, so the sequence does not depend on earlier results.
            var hit = _random.NextDouble() < _rate;
            var kind = Kinds[_random.Next(Kinds.Length)];
            return hit ? kind : null;
        }
    }

    /// <summary>A number for choosing between variants of a fault (500 or 503).</summary>
    internal int NextVariant(int count)
    {
        lock (_lock)
        {
            return _random.Next(count);
        }
    }
}
