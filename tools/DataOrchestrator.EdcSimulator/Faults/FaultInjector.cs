namespace DataOrchestrator.EdcSimulator.Faults;

/// <summary>
/// Decides, call by call, whether a call fails and how: a <see cref="Rate"/> fraction of calls get one of the
/// enabled <see cref="Kinds"/>, chosen uniformly. Seeded, so a run's sequence of decisions is reproducible.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private Random _random;
    private double _rate;
    private int _seed;
    private TimeSpan _delay;
    private FaultKind[] _kinds = Enum.GetValues<FaultKind>();

    /// <param name="rate">Fraction of calls that fail, 0 to 1.</param>
    /// <param name="seed">Seed of the random sequence.</param>
    /// <param name="delay">How long a <see cref="FaultKind.Timeout"/> call stays silent.</param>
    /// <param name="kinds">The kinds drawn from; null or omitted: all of them.</param>
    public FaultInjector(double rate, int seed, TimeSpan delay, IEnumerable<FaultKind>? kinds = null)
    {
        _random = new Random(seed);
        var names = kinds?.Select(kind => kind.ToString()).ToArray();
        Configure(new FaultSetting(rate, seed, (int)delay.TotalMilliseconds, names));
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

    /// <summary>The kinds a failing call gets one of, in declaration order.</summary>
    public IReadOnlyList<FaultKind> Kinds
    {
        get
        {
            lock (_lock)
            {
                return _kinds;
            }
        }
    }

    public FaultSetting Setting
    {
        get
        {
            lock (_lock)
            {
                return new FaultSetting(
                    _rate, _seed, (int)_delay.TotalMilliseconds, _kinds.Select(kind => kind.ToString()).ToArray());
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

        var kinds = setting.Kinds is null ? null : FaultSetting.ParseKinds(setting.Kinds, out _);
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

            if (kinds is not null)
            {
                _kinds = kinds;
            }
        }
    }

    /// <summary>The fault for the next call, or null when it goes through untouched.</summary>
    public InjectedFault? Next()
    {
        lock (_lock)
        {
            if (_rate <= 0)
            {
                return null;
            }

            // Three draws per call whatever the outcome, so the sequence does not depend on earlier results.
            var hit = _random.NextDouble() < _rate;
            var kind = _kinds[_random.Next(_kinds.Length)];
            var cut = _random.NextDouble();
            return hit ? new InjectedFault(kind, cut) : null;
        }
    }
}
