using System.Collections.Concurrent;

namespace DataOrchestrator.EdcSimulator.Transfers;

/// <summary>
/// Transfer processes by id and by current EDR token. Bounded so long benchmark runs cannot exhaust memory:
/// past the capacity the oldest transfers are forgotten (and then answer 404 / 403).
/// </summary>
internal sealed class TransferStore
{
    private readonly ConcurrentDictionary<string, SimulatedTransfer> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedTransfer> _byToken = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SimulatedTransfer> _order = new();
    private readonly int _capacity;
    private int _count;

    public TransferStore(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public void Add(SimulatedTransfer transfer)
    {
        _byId[transfer.Id] = transfer;
        _byToken[transfer.Token.Value] = transfer;
        _order.Enqueue(transfer);
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return;
        }

        while (Volatile.Read(ref _count) > _capacity && _order.TryDequeue(out var oldest))
        {
            Interlocked.Decrement(ref _count);
            _byId.TryRemove(oldest.Id, out _);
            _byToken.TryRemove(new KeyValuePair<string, SimulatedTransfer>(oldest.Token.Value, oldest));
        }
    }

    /// <remarks>
    /// ASP.NET Core leaves "%2F" encoded in a route value, so an id with a '/' (agreement behaviour transferIdPrefix)
    /// arrives as the client escaped it; it is looked up as sent, then unescaped.
    /// </remarks>
    public bool TryGet(string id, out SimulatedTransfer transfer) =>
        _byId.TryGetValue(id, out transfer!) || (id.Contains('%', StringComparison.Ordinal) && _byId.TryGetValue(Uri.UnescapeDataString(id), out transfer!));

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
            var known = _byId.TryGetValue(transfer.Id, out var stored) && ReferenceEquals(stored, transfer);
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

    public IReadOnlyList<SimulatedTransfer> Snapshot() => _order.ToArray();
}
