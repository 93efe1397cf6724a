namespace DataOrchestrator.Application.Callbacks;

/// <summary>The headers of a callback request besides <c>Content-Type: application/json</c>.</summary>
public static class CallbackHeaders
{
    /// <summary><c>sha256=&lt;hex&gt;</c>, see <see cref="CallbackSignature"/>.</summary>
    public const string Signature = "X-Signature";

    /// <summary>Unix time in seconds when the attempt was signed; part of the signed bytes.</summary>
    public const string Timestamp = "X-Callback-Timestamp";

    /// <summary>
    /// The orchestration id (with <c>.&lt;round&gt;</c> from the second round on, after a retry): the same on every attempt
    /// of a round, from every instance, so the receiver can drop duplicates.
    /// </summary>
    public const string Id = "X-Callback-Id";

    /// <summary>1 for the first attempt, counting up.</summary>
    public const string Attempt = "X-Callback-Attempt";
}
