using System.Net.Sockets;
using DataOrchestrator.Application.Orchestrations.Errors;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>Tells "the database is not there right now" from real errors, and turns the former into a retryable 503.</summary>
internal static class PostgresErrors
{
    /// <summary>Connection refused or lost, server shutting down or starting, too many connections.</summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState is "57P01" or "57P02" or "57P03" or "53300" or "08006" or "08001" or "08004",
        NpgsqlException npgsql => npgsql.IsTransient || npgsql.InnerException is SocketException or IOException or TimeoutException,
        _ => false,
    };

    public static Task GuardAsync(Func<Task> action) => GuardAsync(async () =>
    {
        await action();
        return true;
    });

    public static async Task<T> GuardAsync<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception exception) when (IsUnavailable(exception))
        {
            throw new StoreUnavailableException("The orchestration store (PostgreSQL) is not reachable.", exception);
        }
    }
}
