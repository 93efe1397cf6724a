using DataOrchestrator.Domain.DataFlows;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>The consumer control plane's signaling API, as far as the service calls it back.</summary>
public interface IControlPlaneSignaling
{
    /// <summary>
    /// <c>POST {signalingBase}/transfers/{transferId}/dataflow/{callback}</c> with a <c>DataFlowStatusMessage</c>;
    /// throws <see cref="SignalingCallbackException"/> unless the control plane answered 2xx.
    /// </summary>
    Task NotifyAsync(Uri signalingBase, string transferId, string callback, DataFlowState state, string? failure, CancellationToken cancellationToken);
}
