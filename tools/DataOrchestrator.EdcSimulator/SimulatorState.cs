using System.Collections.Concurrent;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator;

/// <summary>
/// Everything a running simulator knows: agreement behaviours, transfer processes and the call log.
/// Safe to use from tests while requests are in flight; no hot path takes a lock.
/// </summary>
public sealed class SimulatorState
{
    private readonly ConcurrentDictionary<string, AgreementRuntime> _agreements = new(StringComparer.Ordinal);
    private long _defaultLatencyTicks;
    private string? _publicEndpointOverride;

    internal SimulatorState(SimulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        ApiKey = options.ApiKey;
        TimeProvider = options.TimeProvider;
        DefaultLatency = options.DefaultLatency;
        PublicEndpointOverride = options.PublicEndpoint;
        CallLog = new CallLog(options.CallLogCapacity);
        TransferStore = new TransferStore(options.TransferCapacity);
        foreach (var (contractId, behaviour) in options.Agreements)
        {
            SetBehaviour(contractId, behaviour);
        }
    }

    /// <summary>The management API key the simulator expects.</summary>
    public string ApiKey { get; }

    /// <summary>The clock behind transfer timelines and latency.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Latency for management calls whose agreement sets no <c>latencyMs</c>.</summary>
    public TimeSpan DefaultLatency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _defaultLatencyTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _defaultLatencyTicks, value.Ticks);
        }
    }

    /// <summary>EDR endpoint to hand out instead of the simulator's own <c>/api/public</c>; null = own.</summary>
    public string? PublicEndpointOverride
    {
        get => Volatile.Read(ref _publicEndpointOverride);
        set => Volatile.Write(ref _publicEndpointOverride, value);
    }

    /// <summary>Snapshot of the configured behaviours, keyed by contract agreement id.</summary>
    public IReadOnlyDictionary<string, AgreementBehaviour> Behaviours =>
        _agreements.ToDictionary(entry => entry.Key, entry => entry.Value.Behaviour, StringComparer.Ordinal);

    /// <summary>Snapshot of the recorded calls, oldest first (control calls under /_sim are not recorded).</summary>
    public IReadOnlyList<RecordedCall> Calls => CallLog.Snapshot();

    /// <summary>Snapshot of the known transfer processes, oldest first.</summary>
    public IReadOnlyList<TransferSnapshot> Transfers =>
        TransferStore.Snapshot().Select(transfer => transfer.ToSnapshot(NowMs())).ToArray();

    internal CallLog CallLog { get; }

    internal TransferStore TransferStore { get; }

    /// <summary>Sets (or replaces, resetting its failure counters) the behaviour of one agreement.</summary>
    public void SetBehaviour(string contractId, AgreementBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        ArgumentNullException.ThrowIfNull(behaviour);
        var problems = behaviour.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(behaviour));
        }

        _agreements[contractId] = new AgreementRuntime(contractId, behaviour);
    }

    /// <summary>Returns the behaviour an agreement gets: its own, or the default (immediate success).</summary>
    public AgreementBehaviour GetBehaviour(string contractId) => ResolveAgreement(contractId).Behaviour;

    public bool RemoveBehaviour(string contractId) => _agreements.TryRemove(contractId, out _);

    public void ClearBehaviours() => _agreements.Clear();

    public void ClearCalls() => CallLog.Clear();

    /// <summary>What the simulator recorded about one transfer process, or null when it is unknown.</summary>
    public TransferSnapshot? FindTransfer(string transferProcessId) =>
        TransferStore.TryGet(transferProcessId, out var transfer) ? transfer.ToSnapshot(NowMs()) : null;

    internal long NowMs() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    // Unknown agreements get a fresh, unstored runtime so arbitrary contract ids cannot grow the map.
    internal AgreementRuntime ResolveAgreement(string contractId) =>
        _agreements.TryGetValue(contractId, out var runtime)
            ? runtime
            : new AgreementRuntime(contractId, AgreementBehaviour.Default);
}
