namespace DataOrchestrator.EdcSimulator.Signaling;

/// <summary>Values of <see cref="DpsMessage.Direction"/> and <see cref="DpsMessage.Kind"/>.</summary>
public static class DpsMessageKinds
{
    public const string Sent = "sent";
    public const string Received = "received";

    public const string Prepare = "prepare";
    public const string Started = "started";
    public const string Terminate = "terminate";
    public const string Suspend = "suspend";
    public const string Resume = "resume";

    public const string Prepared = "prepared";
    public const string Completed = "completed";
    public const string Errored = "errored";
    public const string Register = "register";
    public const string Unregister = "unregister";
}
