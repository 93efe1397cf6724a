using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// Transfer processes by id and by current EDR token. Bounded so long benchmark runs cannot exhaust memory:
/// past the capacity the oldest transfers are forgotten (and then answer 404 / 403).
/// </summary>
internal sealed class TransferStore
{
    private readonly BoundedStore<SimulatedTransfer> _byId;
    private readonly ConcurrentDictionary<string, SimulatedTransfer> _byToken = new(StringComparer.Ordinal);

    public TransferStore(int capacity)
    {
        _byId = new BoundedStore<SimulatedTransfer>(capacity, transfer => transfer.Id, Forget);
    }

    public void Add(SimulatedTransfer transfer)
    {
        // Indexed by token first: the store may evict this very transfer at once, and its hook then drops the token.
        _byToken[transfer.Token.Value] = transfer;
        _byId.Add(transfer);
    }

    /// <summary>Adds the transfer unless its id is taken (a repeated client-chosen id); then answers the holder.</summary>
    public bool TryAdd(SimulatedTransfer transfer, out SimulatedTransfer existing)
    {
        _byToken[transfer.Token.Value] = transfer;
        if (_byId.TryAdd(transfer, out existing))
        {
            return true;
        }

        _byToken.TryRemove(new KeyValuePair<string, SimulatedTransfer>(transfer.Token.Value, transfer));
        return false;
    }

    /// <remarks>
    /// ASP.NET Core leaves "%2F" encoded in a route value, so an id with a '/' (agreement behaviour transferIdPrefix)
    /// arrives as the client escaped it; it is looked up as sent, then unescaped.
    /// </remarks>
    public bool TryGet(string id, out SimulatedTransfer transfer) =>
        _byId.TryGet(id, out transfer) || (id.Contains('%', StringComparison.Ordinal) && _byId.TryGet(Uri.UnescapeDataString(id), out transfer));

    public bool TryGetByToken(string token, out SimulatedTransfer transfer) =>
        _byToken.TryGetValue(token, out transfer!);

    /// <summary>
    /// Issues the transfer's next token and revokes the current one (the data plane then answers 403 for it).
    /// Null when the EDR is gone: the client terminated the process or the store forgot it.
    /// </summary>
    public IssuedToken? RefreshToken(SimulatedTransfer transfer, long nowMs)
    {
        lock (transfer.TokenLock)
        {
            var known = _byId.TryGet(transfer.Id, out var stored) && ReferenceEquals(stored, transfer);
            if (!known || transfer.IsTerminatedByClient)
            {
                return null;
            }

            var previous = transfer.Token;
            var next = transfer.IssueNextToken(nowMs);
            _byToken[next.Value] = transfer;
            _byToken.TryRemove(new KeyValuePair<string, SimulatedTransfer>(previous.Value, transfer));
            return next;
        }
    }

    /// <summary>Deletes the EDR: the data plane stops accepting the transfer's token.</summary>
    public void RevokeToken(SimulatedTransfer transfer)
    {
        lock (transfer.TokenLock)
        {
            _byToken.TryRemove(new KeyValuePair<string, SimulatedTransfer>(transfer.Token.Value, transfer));
        }
    }

    public IReadOnlyList<SimulatedTransfer> Snapshot() => _byId.Snapshot();

    // A forgotten transfer's EDR goes with it: its token answers 403 from then on.
    private void Forget(SimulatedTransfer transfer) =>
        _byToken.TryRemove(new KeyValuePair<string, SimulatedTransfer>(transfer.Token.Value, transfer));
}
