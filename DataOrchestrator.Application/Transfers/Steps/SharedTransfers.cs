namespace DataOrchestrator.Application.Transfers.Steps;

/// <summary>
/// REUSE_EDRS: the transfers this instance started lately, by connector, agreement and asset, so items asking right
/// after share them before the connector's EDR cache lists them (EDC caches an EDR a little after STARTED). A start
/// that fails is not kept: the next item starts again.
/// </summary>
public sealed class SharedTransfers(TimeProvider timeProvider)
{
    public static readonly TimeSpan ShareFor = TimeSpan.FromMinutes(2);

    private readonly SharedResults<string> _started = new(timeProvider, ShareFor);

    /// <summary>
    /// The id of the transfer started under <paramref name="key"/> within <see cref="ShareFor"/>, or of the one
    /// <paramref name="start"/> starts now. The caller waits for its start to end, even when cancelled: the start
    /// observes the caller's token itself, and the caller's lock must be held until the transfer id is known.
    /// </summary>
    public Task<string> GetOrStartAsync(string key, Func<Task<string>> start) =>
        _started.GetOrStartAsync(key, start, CancellationToken.None);
}
