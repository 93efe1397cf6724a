using System.Collections.Concurrent;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Negotiations;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator;

/// <summary>Everything a running simulator knows: behaviours, datasets, agreements, transfers, negotiations, DPS and the call log.
/// Safe to use from tests while requests are in flight; no hot path takes a lock.</summary>
public sealed partial class SimulatorState
{
    private readonly ConcurrentDictionary<string, AgreementRuntime> _agreements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OfferBehaviour> _offers = new(StringComparer.Ordinal);
    private int _maxConcurrentRefreshes;

    internal SimulatorState(SimulatorOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ApiKey);
        ApiKey = options.ApiKey;
        TimeProvider = options.TimeProvider;
        DefaultLatency = options.DefaultLatency;
        PublicEndpointOverride = options.PublicEndpoint;
        ManagementApiVersions = options.ManagementApiVersions;
        DataPlaneTokenScheme = options.DataPlaneTokenScheme;
        DataPlaneRanges = options.DataPlaneRanges;
        TransferIds = options.TransferIds;
        Faults = new FaultInjector(options.FaultRate, options.FaultSeed, options.FaultDelay, options.FaultKinds);
        CallLog = new CallLog(options.CallLogCapacity);
        TransferStore = new TransferStore(options.TransferCapacity);
        NegotiationStore = new BoundedStore<SimulatedNegotiation>(
            options.NegotiationCapacity, negotiation => negotiation.Id, AgreementStore.Forget);
        Dps = new DpsState(options.DpsShape, options.CallLogCapacity, options.TransferCapacity, options.TimeProvider);
        foreach (var (contractId, behaviour) in options.Agreements)
        {
            SetBehaviour(contractId, behaviour);
        }

        foreach (var (offerId, behaviour) in options.Offers)
        {
            SetOfferBehaviour(offerId, behaviour);
        }

        foreach (var (assetId, behaviour) in options.Datasets)
        {
            SetDataset(assetId, behaviour);
        }
    }

    /// <summary>The management API key the simulator expects.</summary>
    public string ApiKey { get; }

    /// <summary>The clock behind transfer timelines and latency.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Data Plane Signaling: shape (off, 0.18, main), registered data planes, flows and messages.</summary>
    public DpsState Dps { get; }

    /// <summary>Which calls fail and how (<c>PUT /_sim/faults</c>); may be changed while running.</summary>
    public FaultInjector Faults { get; }

    /// <summary>The most refresh calls of one transfer's EDR that were ever in flight at the same time.</summary>
    public int MaxConcurrentRefreshes => Volatile.Read(ref _maxConcurrentRefreshes);

    /// <summary>Snapshot of the configured behaviours, keyed by contract agreement id.</summary>
    public IReadOnlyDictionary<string, AgreementBehaviour> Behaviours =>
        _agreements.ToDictionary(entry => entry.Key, entry => entry.Value.Behaviour, StringComparer.Ordinal);

    /// <summary>Snapshot of the configured offer behaviours, keyed by offer id.</summary>
    public IReadOnlyDictionary<string, OfferBehaviour> OfferBehaviours =>
        _offers.ToDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>Snapshot of the recorded calls, oldest first (control calls under /_sim are not recorded).</summary>
    public IReadOnlyList<RecordedCall> Calls => CallLog.Snapshot();

    /// <summary>Snapshot of the known transfer processes, oldest first.</summary>
    public IReadOnlyList<TransferSnapshot> Transfers =>
        TransferStore.Snapshot().Select(transfer => transfer.ToSnapshot(NowMs())).ToArray();

    /// <summary>Snapshot of the known contract negotiations, oldest first.</summary>
    public IReadOnlyList<NegotiationSnapshot> Negotiations =>
        NegotiationStore.Snapshot().Select(negotiation => negotiation.ToSnapshot(NowMs())).ToArray();

    internal CallLog CallLog { get; }

    internal TransferStore TransferStore { get; }

    internal BoundedStore<SimulatedNegotiation> NegotiationStore { get; }

    /// <summary>Sets (or replaces, resetting its failure counters) the behaviour of one agreement.</summary>
    public void SetBehaviour(string contractId, AgreementBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractId);
        ArgumentNullException.ThrowIfNull(behaviour);
        ThrowIfInvalid(behaviour.Validate(), nameof(behaviour));
        _agreements[contractId] = new AgreementRuntime(contractId, behaviour);
    }

    /// <summary>Returns the behaviour an agreement gets: its own, or the default (immediate success).</summary>
    public AgreementBehaviour GetBehaviour(string contractId) => ResolveAgreement(contractId).Behaviour;

    public bool RemoveBehaviour(string contractId) => _agreements.TryRemove(contractId, out _);

    public void ClearBehaviours() => _agreements.Clear();

    /// <summary>Sets (or replaces) how negotiations of one offer (policy <c>@id</c>) behave.</summary>
    public void SetOfferBehaviour(string offerId, OfferBehaviour behaviour)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(offerId);
        ArgumentNullException.ThrowIfNull(behaviour);
        ThrowIfInvalid(behaviour.Validate(), nameof(behaviour));
        _offers[offerId] = behaviour;
    }

    /// <summary>Returns the behaviour an offer gets: its own, or the default (immediately FINALIZED).</summary>
    public OfferBehaviour GetOfferBehaviour(string offerId) =>
        _offers.TryGetValue(offerId, out var behaviour) ? behaviour : OfferBehaviour.Default;

    public bool RemoveOfferBehaviour(string offerId) => _offers.TryRemove(offerId, out _);

    public void ClearOfferBehaviours() => _offers.Clear();

    public void ClearCalls() => CallLog.Clear();

    /// <summary>What the simulator recorded about one transfer process, or null when it is unknown.</summary>
    public TransferSnapshot? FindTransfer(string transferProcessId) =>
        TransferStore.TryGet(transferProcessId, out var transfer) ? transfer.ToSnapshot(NowMs()) : null;

    /// <summary>What the simulator recorded about one contract negotiation, or null when it is unknown.</summary>
    public NegotiationSnapshot? FindNegotiation(string negotiationId) =>
        NegotiationStore.TryGet(negotiationId, out var negotiation) ? negotiation.ToSnapshot(NowMs()) : null;

    internal long NowMs() => TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    internal bool IsServed(string managementApiVersion) => ManagementApiVersions.Contains(managementApiVersion);

    internal void RecordConcurrentRefreshes(int inFlight) =>
        SimulatedTransfer.InterlockedMax(ref _maxConcurrentRefreshes, inFlight);

    // Unknown agreements get a fresh, unstored runtime so arbitrary contract ids cannot grow the map.
    internal AgreementRuntime ResolveAgreement(string contractId) =>
        _agreements.TryGetValue(contractId, out var runtime)
            ? runtime
            : new AgreementRuntime(contractId, AgreementBehaviour.Default);

    private static void ThrowIfInvalid(IReadOnlyList<string> problems, string parameterName)
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), parameterName);
        }
    }
}
