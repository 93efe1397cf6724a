using System.Security.Cryptography;
using DataOrchestrator.EdcSimulator.DataPlane;

namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>
/// The data directory after the dust settles: exactly one file per item, each at the item's storage_path and holding
/// that item's contract's payload with the recorded SHA-256; nothing else (no duplicates, no hidden *.part leftovers).
/// </summary>
internal static class DataDirectoryAudit
{
    // Hidden files too: an interrupted save leaves ".file_….part".
    private static readonly EnumerationOptions Everything = new() { AttributesToSkip = 0, RecurseSubdirectories = true };

    public static IReadOnlyList<string> FindProblems(string dataDirectory, IReadOnlyList<ReportedItem> items)
    {
        var problems = new List<string>();
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var name = $"item {item.Index} of {item.OrchestrationId} (contract {item.ContractId})";
            if (item.StoragePath is null)
            {
                problems.Add($"{name} has no storage_path");
                continue;
            }

            var path = Path.GetFullPath(item.StoragePath);
            if (!referenced.Add(path))
            {
                problems.Add($"{name} shares its storage_path {path} with another item");
            }

            if (!File.Exists(path))
            {
                problems.Add($"{name}: storage_path {path} does not exist");
                continue;
            }

            var content = File.ReadAllBytes(path);
            var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
            if (sha256 != item.Sha256 || content.LongLength != item.Bytes)
            {
                problems.Add($"{name}: file has {content.Length} bytes, SHA-256 {sha256}; recorded {item.Bytes} bytes, {item.Sha256}");
            }

            if (!content.AsSpan().SequenceEqual(SimulatedPayload.DefaultJson(item.ContractId)))
            {
                problems.Add($"{name}: file does not hold the payload of contract {item.ContractId}");
            }
        }

        problems.AddRange(Directory.EnumerateFiles(dataDirectory, "*", Everything)
            .Select(Path.GetFullPath)
            .Where(file => !referenced.Contains(file))
            .Order(StringComparer.Ordinal)
            .Select(file => $"file not referenced by any storage_path: {Path.GetFileName(file)}"));
        return problems;
    }
}
