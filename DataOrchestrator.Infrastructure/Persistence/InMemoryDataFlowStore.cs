using DataOrchestrator.Application.DataFlows;
using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>
/// Data flows in this process. Every stored change completes the current change signal, which wakes every waiter to
/// look at its own flow again: few wait at once (at most one per worker), so one signal for all is enough.
/// </summary>
internal sealed class InMemoryDataFlowStore : IDataFlowStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DataFlow> _flows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ControlPlaneRegistration> _controlPlanes = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = NewSignal();

    public Task<DataFlow?> FindAsync(string processId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_flows.GetValueOrDefault(processId));
        }
    }

    public Task<bool> AddAsync(DataFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        lock (_gate)
        {
            if (!_flows.TryAdd(flow.ProcessId, flow))
            {
                return Task.FromResult(false);
            }

            Signal();
            return Task.FromResult(true);
        }
    }

    public Task<bool> ReplaceAsync(DataFlow flow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flow);
        lock (_gate)
        {
            if (!_flows.TryGetValue(flow.ProcessId, out var stored) || stored.Version != flow.Version - 1)
            {
                return Task.FromResult(false);
            }

            _flows[flow.ProcessId] = flow;
            Signal();
            return Task.FromResult(true);
        }
    }

    public async Task<DataFlow> WaitAsync(string processId, Func<DataFlow, bool> until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(until);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_flows.TryGetValue(processId, out var flow) && until(flow))
                {
                    return flow;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    public Task<int> RemoveStaleAsync(DateTimeOffset unclaimedBefore, DateTimeOffset finishedBefore, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var stale = _flows.Values
                .Where(f => (!f.Claimed && f.CreatedAt < unclaimedBefore) || (f.IsFinished && f.UpdatedAt < finishedBefore))
                .Select(f => f.ProcessId)
                .ToList();
            stale.ForEach(id => _flows.Remove(id));
            return Task.FromResult(stale.Count);
        }
    }

    public Task PutControlPlaneAsync(ControlPlaneRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(registration);
        lock (_gate)
        {
            _controlPlanes[registration.ControlPlaneId] = registration;
        }

        return Task.CompletedTask;
    }

    public Task<bool> DeleteControlPlaneAsync(string controlPlaneId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_controlPlanes.Remove(controlPlaneId));
        }
    }

    public Task<IReadOnlyList<ControlPlaneRegistration>> ControlPlanesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ControlPlaneRegistration>>([.. _controlPlanes.Values.OrderBy(c => c.ControlPlaneId, StringComparer.Ordinal)]);
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.SetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
