using DataOrchestrator.EdcSimulator.Hosting;

namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>
/// The Data Plane Signaling side of the simulator (<c>SimulatorState.Dps</c>): the shape it plays, the registered data
/// planes, the DPS transfers and every DPS message sent and received. Safe to read from tests while flows run.
/// </summary>
public sealed class DpsState
{
    private string _shape;

    internal DpsState(string shape, int messageCapacity, int flowCapacity, TimeProvider timeProvider)
    {
        _shape = DpsShapes.Normalize(shape);
        Log = new DpsMessageLog(messageCapacity, timeProvider);
        Flows = new BoundedStore<DpsFlow>(flowCapacity, flow => flow.TransferId);
        OAuth2 = new OAuth2TokenServer(timeProvider);
    }

    /// <summary>The simulator's own OAuth2 token server (<c>/_sim/oauth2</c>), for the <c>oauth2_client_credentials</c> profile.</summary>
    public OAuth2TokenServer OAuth2 { get; }

    /// <summary>
    /// <see cref="DpsShapes"/>: off, 0.18 or main; may be changed while running (a transfer keeps the shape it was
    /// created under). Main also hides every /v3 path.
    /// </summary>
    public string Shape
    {
        get => Volatile.Read(ref _shape);
        set => Volatile.Write(ref _shape, DpsShapes.Normalize(value));
    }

    /// <summary>True when v4 transfers run through Data Plane Signaling.</summary>
    public bool IsOn => Shape != DpsShapes.Off;

    /// <summary>The registered consumer data planes, by id.</summary>
    public IReadOnlyList<DataPlaneRegistration> DataPlanes => Registry.Snapshot();

    /// <summary>Every DPS message sent and received, oldest first.</summary>
    public IReadOnlyList<DpsMessage> Messages => Log.Snapshot();

    internal DataPlaneRegistry Registry { get; } = new();

    internal DpsMessageLog Log { get; }

    internal BoundedStore<DpsFlow> Flows { get; }

    /// <summary>The DPS messages of one transfer, oldest first.</summary>
    public IReadOnlyList<DpsMessage> MessagesFor(string transferId) =>
        Messages.Where(message => message.TransferId == transferId).ToArray();

    /// <summary>The DPS state of one transfer, or null when it is unknown or not a DPS transfer.</summary>
    public DpsFlowSnapshot? FindFlow(string transferId) =>
        Flows.TryGet(transferId, out var flow) ? flow.ToSnapshot() : null;

    public void ClearMessages() => Log.Clear();
}
