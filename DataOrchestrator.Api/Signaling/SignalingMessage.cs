namespace DataOrchestrator.Api.Signaling;

/// <summary>The DPS messages the service receives, each validated against its JSON schema (<see cref="SignalingSchemas"/>).</summary>
public enum SignalingMessage
{
    Prepare,
    Started,
    Suspend,
    Resume,
    Terminate,
    ControlPlaneRegistration,
}
