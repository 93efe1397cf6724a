namespace DataOrchestrator.Application.DataFlows;

/// <summary>The control plane did not accept a callback (not reachable, or not a 2xx answer).</summary>
public sealed class SignalingCallbackException : Exception
{
    public SignalingCallbackException()
    {
    }

    public SignalingCallbackException(string message)
        : base(message)
    {
    }

    public SignalingCallbackException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
