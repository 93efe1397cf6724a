namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>This process's name in the work queue's leases: host, process id and a random part (pids repeat after restarts).</summary>
internal sealed class PostgresInstance
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
