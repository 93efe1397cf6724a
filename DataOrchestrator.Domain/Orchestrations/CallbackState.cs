namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>Where the delivery of an orchestration's completion callback stands.</summary>
public enum CallbackState
{
    /// <summary>Not delivered yet: waiting for the orchestration to finish, or for its next attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Given up: every attempt failed (MaxAttempts, or the GiveUpAfterMinutes bound, was reached).</summary>
    Failed = 2,
}
