namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>
/// Who chooses a transfer process's id, and so what a repeated TransferRequest does. EDC changed this in 0.17:
/// <c>InitiateTransferCommand</c> takes a random UUID, where up to 0.16 <c>initiateConsumerRequest</c> used the
/// request's <c>@id</c>.
/// </summary>
public static class TransferIdModes
{
    /// <summary>EDC 0.17 and later (the default): the request's <c>@id</c> is ignored, each accepted POST is a new process.</summary>
    public const string Server = "server";

    /// <summary>EDC 0.16 and earlier: the <c>@id</c>, when given, is the process id; a repeat answers that process again.</summary>
    public const string Client = "client";

    /// <summary>Lower-cases and checks a mode name; throws ArgumentException for unknown ones.</summary>
    internal static string Normalize(string mode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mode);
        var normalised = mode.Trim().ToLowerInvariant();
        return normalised is Server or Client
            ? normalised
            : throw new ArgumentException(
                $"Unknown transfer id mode '{mode}'; use {Server} (EDC 0.17+) or {Client} (EDC 0.16 and earlier)", nameof(mode));
    }
}
