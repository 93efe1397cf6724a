using DataOrchestrator.Testing.Postgres;

namespace DataOrchestrator.Tests;

/// <summary>
/// Wraps the whole test run (a set-up fixture in the root namespace): the PostgreSQL cluster the tests share is
/// started by the first test that asks for it and stopped, with its directory deleted, when the run ends.
/// </summary>
[SetUpFixture]
public sealed class PostgresTestRun
{
    // Static: the assembly creates a fixture instance per test case, and this runs once, outside any test.
    [OneTimeTearDown]
    public static Task StopSharedServerAsync() => PostgresCluster.StopSharedAsync();
}
