using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Infrastructure.Persistence;

/// <summary>Where orchestrations and the work queue live: in this process (default) or in PostgreSQL.</summary>
public sealed class PersistenceOptions : IValidatableObject
{
    public const string SectionName = "Persistence";
    public const string Memory = "memory";
    public const string Postgres = "postgres";

    /// <summary><c>memory</c> or <c>postgres</c> (env <c>STORAGE_BACKEND</c>).</summary>
    [RegularExpression("^(memory|postgres)$", ErrorMessage = "Backend (STORAGE_BACKEND) must be 'memory' or 'postgres'.")]
    public string Backend { get; set; } = Memory;

    /// <summary>Npgsql connection string (env <c>POSTGRES_CONNECTION_STRING</c>); required for <c>postgres</c>. A secret.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// How long an instance's claim on an item lasts without a heartbeat (env <c>WORK_LEASE_SECONDS</c>). Running items
    /// are extended every third of it; an instance that dies loses its items to the others after at most this long.
    /// </summary>
    [Range(1, 3600)]
    public double LeaseSeconds { get; set; } = 30;

    /// <summary>How often idle workers look for new work in the database, in milliseconds (local submits wake them at once).</summary>
    [Range(10, 60_000)]
    public int PollIntervalMs { get; set; } = 250;

    /// <summary>
    /// How often item progress (an attempt started, STARTED, the data address fetched, bytes downloaded) is written to
    /// PostgreSQL, in milliseconds, in one statement for all items that moved. Other instances see progress that much
    /// later; what a resume needs (transfer ids, final results) is written at once.
    /// </summary>
    [Range(10, 60_000)]
    public int ProgressFlushMs { get; set; } = 1000;

    /// <summary>
    /// PostgreSQL: how many items an instance claims beyond its worker count, so that a worker finishing an item finds
    /// the next one claimed already and one claim statement serves several items. Default: a quarter of the workers.
    /// Claimed items wait under this instance's lease; at shutdown they go back to the queue.
    /// </summary>
    [Range(0, 10_000)]
    public int? ClaimAhead { get; set; }

    public int ClaimAheadFor(int workers) => ClaimAhead ?? Math.Max(1, workers / 4);

    /// <summary>How long the service waits at start for the database before it gives up, in seconds.</summary>
    [Range(0, 3600)]
    public double StartupTimeoutSeconds { get; set; } = 30;

    public bool IsPostgres => Backend == Postgres;

    public TimeSpan Lease => TimeSpan.FromSeconds(LeaseSeconds);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsPostgres)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("ConnectionString (POSTGRES_CONNECTION_STRING) is required when STORAGE_BACKEND is 'postgres'.", [nameof(ConnectionString)]);
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException exception)
        {
            problem = exception.Message;
        }

        if (problem is not null)
        {
            yield return new ValidationResult($"ConnectionString (POSTGRES_CONNECTION_STRING) is not a valid connection string: {problem}", [nameof(ConnectionString)]);
        }
    }
}
