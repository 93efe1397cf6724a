namespace DataOrchestrator.Domain.DataFlows;

/// <summary>
/// A control plane registered with the service (<c>PUT /signaling/controlplanes</c>): where its signaling API is. Its
/// <c>authorization</c> object may hold a client secret: <see cref="ToString"/> never shows it.
/// </summary>
public sealed record ControlPlaneRegistration(string ControlPlaneId, string Endpoint, string? AuthorizationJson, DateTimeOffset UpdatedAt)
{
    public override string ToString() => $"ControlPlaneRegistration {{ ControlPlaneId = {ControlPlaneId}, Endpoint = {Endpoint}, Authorization = *** }}";
}
