using System.Collections.Concurrent;
using DataOrchestrator.Application.Transfers.Edc;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>
/// Which connectors the service registered with, in this process: a generation per connector that each registration
/// counts up, so that items which all saw "No dataplane found" under one registration renew it once, not once each.
/// </summary>
public sealed class RegisteredDataPlanes
{
    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);

    /// <summary>The connector's current registration, or 0 when the service has not registered with it.</summary>
    public long GenerationOf(EdcConnection connection) => _generations.GetValueOrDefault(Key(connection));

    public long Registered(EdcConnection connection) => _generations.AddOrUpdate(Key(connection), 1, (_, generation) => generation + 1);

    public static string Key(EdcConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection.ManagementBaseUrl.AbsoluteUri;
    }
}
