using System.Text.RegularExpressions;
using DataOrchestrator.Testing.Processes;

namespace DataOrchestrator.Tests.Support.Durability;

/// <summary>
/// Which transfers an instance downloaded and saved, from its console log: the pipeline logs
/// "Transfer process {TransferId} saved {Bytes} bytes to {StoragePath}" once per file it stores.
/// </summary>
internal static partial class SavedLines
{
    public static IReadOnlyList<string> TransferIds(ServiceProcess instance) =>
        instance.OutputLines.Select(line => SavedLine().Match(line)).Where(m => m.Success).Select(m => m.Groups["id"].Value).ToArray();

    [GeneratedRegex(@"\|Transfer process (?<id>\S+) saved \d+ bytes to ")]
    private static partial Regex SavedLine();
}
