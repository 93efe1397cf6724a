using DataOrchestrator.EdcSimulator.Transfers;

namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>
/// Transfer processes the connector saw, per contract (each item has a contract of its own): one per item, the one the
/// item reports. After a crash there is one legitimate exception, counted separately: EDC accepted a transfer request
/// and the instance died (or lost its database session) before recording the transfer id, so the resumed item cannot
/// know it and starts another. The unrecorded one stays behind on the connector, never terminated.
/// </summary>
internal static class TransferAudit
{
    public static IReadOnlyList<string> ExactlyOnePerItem(IReadOnlyList<TransferSnapshot> transfers, IReadOnlyList<ReportedItem> items) =>
        AfterCrash(transfers, items, interrupted: [], crashedBefore: DateTimeOffset.MinValue, lossesPerItem: 0).Problems;

    /// <param name="transfers">Every transfer process the simulator created.</param>
    /// <param name="items">The items as reported once all are finished.</param>
    /// <param name="interrupted">The rows of the items that were being worked on at the crash, as the crash left them.</param>
    /// <param name="crashedBefore">A time after the crash and before anyone could resume the items.</param>
    /// <param name="lossesPerItem">How many unrecorded transfers one item may have left (one per crash it went through).</param>
    /// <returns>What is wrong, and how many transfers were left unrecorded.</returns>
    public static (IReadOnlyList<string> Problems, int Unrecorded) AfterCrash(
        IReadOnlyList<TransferSnapshot> transfers,
        IReadOnlyList<ReportedItem> items,
        IReadOnlyList<ItemRow> interrupted,
        DateTimeOffset crashedBefore,
        int lossesPerItem = 1)
    {
        var problems = new List<string>();
        var unrecorded = 0;
        var byContract = transfers.GroupBy(t => t.ContractId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.CreatedAt).ToArray(), StringComparer.Ordinal);
        var atCrashByItem = interrupted.ToDictionary(r => (r.OrchestrationId.ToString(), r.Index));
        foreach (var item in items)
        {
            var name = $"item {item.Index} of {item.OrchestrationId} (contract {item.ContractId})";
            var requested = byContract.GetValueOrDefault(item.ContractId) ?? [];
            var ids = string.Join(", ", requested.Select(t => $"{t.Id} created {t.CreatedAt:HH:mm:ss.fff}"));
            if (requested.Length == 0 || requested[^1].Id != item.TransferId)
            {
                problems.Add($"{name} reports transfer {item.TransferId}, the connector has [{ids}]");
                continue;
            }

            if (requested.Length == 1)
            {
                continue;
            }

            var row = atCrashByItem.GetValueOrDefault((item.OrchestrationId, item.Index));
            var recorded = row?.TransferId;
            var lost = requested[..^1];
            var explained = lost.Length <= lossesPerItem && row is { TransferId: null } && lost.All(t => t.CreatedAt < crashedBefore);
            if (explained)
            {
                unrecorded += lost.Length;
            }
            else
            {
                problems.Add($"{name} got {requested.Length} transfer processes [{ids}]; transfer recorded at the crash: {recorded ?? "none"}");
            }
        }

        var known = items.Select(i => i.ContractId).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(byContract.Keys.Where(c => !known.Contains(c)).Select(c => $"transfer for unknown contract {c}"));
        return (problems, unrecorded);
    }
}
