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
        if (!settings.ContainsKey("Max Auto Prepare"))
        {
            settings.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!settings.ContainsKey("No Reset On Close"))
        {
            settings.NoResetOnClose = true;
        }

        return builder.Build();
    }
}
