namespace DataOrchestrator.Application.Callbacks;

/// <summary>Sends one callback attempt over HTTP, within the attempt timeout, without following redirects.</summary>
public interface ICallbackSender
{
    /// <summary>Never throws for the receiver's failures (they come back as a <see cref="CallbackResponse"/>); throws only when cancelled.</summary>
    Task<CallbackResponse> SendAsync(CallbackMessage message, CancellationToken cancellationToken);
}
