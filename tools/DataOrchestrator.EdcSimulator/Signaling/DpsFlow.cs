using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The DPS state machine of one consumer transfer process: INITIAL → (PREPARATION_REQUESTED) → REQUESTING →
/// REQUESTED → STARTUP_REQUESTED → STARTED (⇄ SUSPENDED) → COMPLETING → COMPLETED, or TERMINATED from any state that
/// has not ended. Every move is checked against the state it leaves, so concurrent callbacks and scripts cannot skip.
/// </summary>
internal sealed class DpsFlow
{
    private readonly Lock _lock = new();
    private readonly List<string> _states = [TransferStates.Initial];
    private readonly TaskCompletionSource _prepared = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _state = TransferStates.Initial;
    private long _stateAtMs;
    private string? _errorDetail;
    private DataPlaneRegistration? _dataPlane;

    public DpsFlow(string transferId, string shape, string signalingAddress, string dataEndpoint, string dataAddressForm, long createdAtMs)
    {
        TransferId = transferId;
        Shape = shape;
        SignalingAddress = signalingAddress;
        DataEndpoint = dataEndpoint;
        DataAddressForm = dataAddressForm;
        _stateAtMs = createdAtMs;
    }

    public string TransferId { get; }

    public string Shape { get; }

    /// <summary>The simulator's signaling API base, <c>{simulator}/api/signaling</c> (0.18.0's callbackAddress).</summary>
    public string SignalingAddress { get; }

    /// <summary>The simulator's own data plane URL handed out in the DataAddress.</summary>
    public string DataEndpoint { get; }

    public string DataAddressForm { get; }

    public DataPlaneRegistration? DataPlane
    {
        get => Volatile.Read(ref _dataPlane);
        set => Volatile.Write(ref _dataPlane, value);
    }

    /// <summary>Completes once the data plane reported an asynchronous prepare done, or the flow was terminated.</summary>
    public Task Prepared => _prepared.Task;

    public TransferStatus Status
    {
        get
        {
            lock (_lock)
            {
                var ended = _state is TransferStates.Completed or TransferStates.Terminated;
                return new TransferStatus(_state, _stateAtMs, ended);
            }
        }
    }

    public string? ErrorDetail
    {
        get
        {
            lock (_lock)
            {
                return _errorDetail;
            }
        }
    }

    /// <summary>Moves to <paramref name="to"/> when the flow is in one of <paramref name="from"/>.</summary>
    public bool TryMove(string to, long nowMs, params string[] from)
    {
        lock (_lock)
        {
            if (!from.Contains(_state, StringComparer.Ordinal))
            {
                return false;
            }

            Enter(to, nowMs);
            return true;
        }
    }

    /// <summary>Terminates unless the flow already ended; false when it had.</summary>
    public bool TryTerminate(string? errorDetail, long nowMs)
    {
        lock (_lock)
        {
            if (_state is TransferStates.Completed or TransferStates.Terminated)
            {
                return false;
            }

            _errorDetail = errorDetail;
            Enter(TransferStates.Terminated, nowMs);
        }

        _prepared.TrySetResult();
        return true;
    }

    /// <summary>The data plane's <c>/prepared</c> callback: INITIAL or PREPARATION_REQUESTED → REQUESTING.</summary>
    public bool TryMarkPrepared(long nowMs)
    {
        var moved = TryMove(TransferStates.Requesting, nowMs, TransferStates.Initial, TransferStates.PreparationRequested);
        if (moved)
        {
            _prepared.TrySetResult();
        }

        return moved;
    }

    public DpsFlowSnapshot ToSnapshot()
    {
        lock (_lock)
        {
            return new DpsFlowSnapshot(
                TransferId, Shape, DataPlane?.DataplaneId, _state, _states.ToArray(), _errorDetail, DataAddressForm);
        }
    }

    private void Enter(string state, long nowMs)
    {
        _state = state;
        _stateAtMs = nowMs;
        _states.Add(state);
    }
}
