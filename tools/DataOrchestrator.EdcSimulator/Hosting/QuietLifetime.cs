namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>
/// Host lifetime that ignores console signals: an in-process simulator must not catch the Ctrl+C
/// meant for the test runner. The owner stops it through <see cref="EdcSimulatorInstance"/>.
/// </summary>
internal sealed class QuietLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
