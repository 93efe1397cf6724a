using DataOrchestrator.Testing.Postgres;
using Npgsql;

namespace DataOrchestrator.Tests.Persistence;

/// <summary>The throwaway PostgreSQL clusters themselves: isolated databases, and a stop that takes the data away only until the restart.</summary>
public sealed class PostgresClusterTests
{
    [Test]
    public async Task ShouldGiveEachCallItsOwnEmptyDatabase_OnTheSharedServer()
    {
        var server = await PostgresCluster.SharedAsync();
        var first = await server.CreateDatabaseAsync();
        var second = await server.CreateDatabaseAsync();

        await ExecuteAsync(first, "CREATE TABLE items (name text); INSERT INTO items VALUES ('only in the first')");
        var rowsInFirst = await ScalarAsync(first, "SELECT count(*) FROM items");
        var tableInSecond = await ScalarAsync(second, "SELECT to_regclass('items') IS NOT NULL");
        var sharedAgain = await PostgresCluster.SharedAsync();

        Assert.Multiple(() =>
        {
            Assert.That(second, Is.Not.EqualTo(first));
            Assert.That(first, Does.StartWith($"Host=127.0.0.1;Port={server.Port};Username=postgres;Database=test_"));
            Assert.That(rowsInFirst, Is.EqualTo(1L));
            Assert.That(tableInSecond, Is.False);
            Assert.That(sharedAgain, Is.SameAs(server));
        });
    }

    [Test]
    public async Task ShouldRefuseConnectionsWhileStopped_AndKeepTheDataAcrossARestart()
    {
        await using var server = await PostgresCluster.StartNewAsync();
        var database = await server.CreateDatabaseAsync();
        await ExecuteAsync(database, "CREATE TABLE items (name text); INSERT INTO items VALUES ('written before the stop')");
        var port = server.Port;

        await server.StopAsync();
        await Assert.ThatAsync(() => ScalarAsync(database, "SELECT 1"), Throws.InstanceOf<NpgsqlException>());

        await server.StartAsync();
        var kept = await ScalarAsync(database, "SELECT name FROM items");
        Assert.Multiple(() =>
        {
            Assert.That(kept, Is.EqualTo("written before the stop"));
            Assert.That(server.Port, Is.EqualTo(port));
        });
    }

    [Test]
    public async Task ShouldRefuseToStopTheSharedServer()
    {
        var server = await PostgresCluster.SharedAsync();

        await Assert.ThatAsync(server.StopAsync, Throws.InvalidOperationException.With.Message.Contains("StartNewAsync"));
        Assert.That(await ScalarAsync(await server.CreateDatabaseAsync(), "SELECT 1"), Is.EqualTo(1));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    // Unpooled: a connection pooled before the stop would fail on its first command after the restart.
    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}
