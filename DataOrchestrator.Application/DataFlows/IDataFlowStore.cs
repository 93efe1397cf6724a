using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Where the data flows of the service as consumer data plane live, and the control planes registered with it: in this
/// process, or in PostgreSQL so that a notification reaches the worker of any instance and survives a restart.
/// </summary>
/// <remarks>Implementations throw <see cref="Orchestrations.Errors.StoreUnavailableException"/> when the store cannot be reached.</remarks>
public interface IDataFlowStore
{
    Task<DataFlow?> FindAsync(string processId, CancellationToken cancellationToken);

    /// <summary>Stores a new flow; false when one with its process id exists.</summary>
    Task<bool> AddAsync(DataFlow flow, CancellationToken cancellationToken);

    /// <summary>Stores a changed flow whose <see cref="DataFlow.Version"/> is one above the stored one; false when the stored one moved on meanwhile.</summary>
    Task<bool> ReplaceAsync(DataFlow flow, CancellationToken cancellationToken);

    /// <summary>Returns the flow once its stored state satisfies <paramref name="until"/>, however it got there (before the call, another instance, …).</summary>
    Task<DataFlow> WaitAsync(string processId, Func<DataFlow, bool> until, CancellationToken cancellationToken);

    /// <summary>Removes flows nobody claimed, created before <paramref name="unclaimedBefore"/>, and ended flows last changed before <paramref name="finishedBefore"/>.</summary>
    Task<int> RemoveStaleAsync(DateTimeOffset unclaimedBefore, DateTimeOffset finishedBefore, CancellationToken cancellationToken);

    /// <summary>Adds or replaces the registration with its control plane id.</summary>
    Task PutControlPlaneAsync(ControlPlaneRegistration registration, CancellationToken cancellationToken);

    /// <summary>False when no registration had that id.</summary>
    Task<bool> DeleteControlPlaneAsync(string controlPlaneId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ControlPlaneRegistration>> ControlPlanesAsync(CancellationToken cancellationToken);
}
