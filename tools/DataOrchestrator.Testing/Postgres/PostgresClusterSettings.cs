namespace DataOrchestrator.Testing.Postgres;

/// <summary>How a <see cref="PostgresCluster"/> runs.</summary>
/// <remarks>
/// Every cluster loads <c>pg_stat_statements</c>, so that tests and the benchmark can count the statements the service
/// sends (a database that reads them runs <c>CREATE EXTENSION pg_stat_statements</c> first).
/// </remarks>
public sealed record PostgresClusterSettings
{
    /// <summary>For tests: nothing is flushed to disk (a clean stop still writes everything out for a restart).</summary>
    public static PostgresClusterSettings Throwaway { get; } = new();

    /// <summary>
    /// Sessions the server accepts. Beyond it PostgreSQL refuses them (53300, too many clients); a service instance's
    /// pool grows towards its worker count plus the API's requests.
    /// </summary>
    public int MaxConnections { get; init; } = 200;

    /// <summary>Whether commits are flushed to disk (fsync), as in production; off for throwaway test clusters.</summary>
    public bool Durable { get; init; }
}
