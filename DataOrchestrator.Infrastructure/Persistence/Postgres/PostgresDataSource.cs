using System.Data.Common;
using Npgsql;

namespace DataOrchestrator.Infrastructure.Persistence.Postgres;

/// <summary>
/// The service's connections to PostgreSQL. Unless the connection string says otherwise, its statements are prepared
/// once per connection after their first uses (<c>Max Auto Prepare</c>: each of them runs thousands of times), and a
/// connection goes back to the pool without the <c>DISCARD ALL</c> round trip (<c>No Reset On Close</c>): no statement
/// of the service leaves session state behind; the one session lock, the retention sweep's, is released explicitly
/// (<see cref="PostgresRetentionLock"/>).
/// </summary>
internal static class PostgresDataSource
{
    public const int AutoPreparedStatements = 32;

    public static NpgsqlDataSource Create(string? connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;

        // NpgsqlConnectionStringBuilder answers ContainsKey for every keyword it knows; what the string itself names is
        // read with the plain builder (its keys as written, spaces optional in Npgsql's keywords).
        var named = new DbConnectionStringBuilder { ConnectionString = connectionString ?? string.Empty }.Keys.Cast<string>()
            .Select(key => key.Replace(" ", string.Empty, StringComparison.Ordinal))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!named.Contains("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!named.Contains("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
