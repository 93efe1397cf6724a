namespace DataOrchestrator.Domain.Orchestrations;

/// <summary>
/// The client's completion callback and how its delivery stands. Delivered at least once after the orchestration
/// reaches a terminal status; the orchestration id identifies it to the receiver on every attempt.
/// </summary>
/// <param name="Url">The absolute http(s) URL the status entry is POSTed to.</param>
/// <param name="State">Pending until delivered or given up.</param>
/// <param name="Attempts">Attempts started so far (an attempt counts from the moment it is claimed for sending).</param>
/// <param name="NextAttemptAt">Not before this time (while pending); null once delivered or failed.</param>
/// <param name="LastError">Why the most recent failed attempt failed (status code or exception type), kept after a later delivery.</param>
/// <param name="DeliveredAt">When the receiver answered 2xx.</param>
public sealed record OrchestrationCallback(
    string Url,
    CallbackState State,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    DateTimeOffset? DeliveredAt)
{
    /// <summary>A new callback: due as soon as its orchestration is terminal.</summary>
    public static OrchestrationCallback Pending(string url, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        return new OrchestrationCallback(url, CallbackState.Pending, 0, now, null, null);
    }

    /// <summary>
    /// The delivery round: 1 for the orchestration's first terminal status, one more each time a client's retry made it
    /// run again (each round is delivered on its own, with its own callback id).
    /// </summary>
    public int Round { get; init; } = 1;

    /// <summary>A new round after a retry: pending again from its first attempt, due once the orchestration is terminal again.</summary>
    public OrchestrationCallback NextRound(DateTimeOffset now) =>
        this with { Round = Round + 1, State = CallbackState.Pending, Attempts = 0, NextAttemptAt = now, LastError = null, DeliveredAt = null };

    /// <summary>
    /// The callback id sent (X-Callback-Id): the orchestration id in round 1, then <c>&lt;id&gt;.&lt;round&gt;</c>, so a
    /// receiver that drops duplicates by it still gets each round.
    /// </summary>
    public string IdFor(Guid orchestrationId) => Round <= 1 ? orchestrationId.ToString() : $"{orchestrationId}.{Round}";

    /// <summary>Claimed for attempt <see cref="Attempts"/> + 1, hidden from other senders until <paramref name="claimedUntil"/>.</summary>
    public OrchestrationCallback Claim(DateTimeOffset claimedUntil) => this with { Attempts = Attempts + 1, NextAttemptAt = claimedUntil };

    public OrchestrationCallback Deliver(DateTimeOffset now) => this with { State = CallbackState.Delivered, NextAttemptAt = null, DeliveredAt = now };

    /// <summary>The attempt failed; another follows at <paramref name="nextAttemptAt"/>, or none when it is null.</summary>
    public OrchestrationCallback Fail(string error, DateTimeOffset? nextAttemptAt) => this with
    {
        State = nextAttemptAt is null ? CallbackState.Failed : CallbackState.Pending,
        NextAttemptAt = nextAttemptAt,
        LastError = error,
    };
}
