using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Support.Reliability;

/// <summary>
/// The real service as a process of its own (<see cref="ServiceProcess"/>), wired to the EDC simulator in this test
/// process, so that its memory and threads can be measured apart from the test runner's: the runner holds the
/// simulator, the load generator and whatever earlier tests left behind.
/// </summary>
internal sealed class MeasuredService : IAsyncDisposable
{
    private const string ClientKey = "measured-client-key";

    private MeasuredService(EdcSimulatorInstance simulator, ServiceProcess service, string dataDirectory)
    {
        Simulator = simulator;
        Service = service;
        DataDirectory = dataDirectory;
    }

    public EdcSimulatorInstance Simulator { get; }

    public ServiceProcess Service { get; }

    /// <summary>A client of the service that sends the client API key.</summary>
    public HttpClient Client => Service.Client;

    public string DataDirectory { get; }

    /// <param name="settings">Configuration keys (<c>Workers:Count</c>) over the defaults, which are those of <see cref="ServiceHarness"/>.</param>
    public static async Task<MeasuredService> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = ServiceHarness.EdcKey });
        var dataDirectory = Directory.CreateTempSubdirectory("do-measured-data-").FullName;
        var configuration = ServiceHarness.DefaultSettings(dataDirectory, ClientKey);
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        // Warnings and errors only: the test keeps the console output, and the service's logging is not what is measured.
        var environment = configuration.ToDictionary(c => c.Key.Replace(":", "__", StringComparison.Ordinal), c => c.Value!);
        environment["LOG_LEVEL"] = "WARN";
        try
        {
            return new MeasuredService(simulator, await ApiProcess.StartAsync("measured", environment, ClientKey), dataDirectory);
        }
        catch
        {
            await simulator.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>The original's example body, pointed at the simulator.</summary>
    public object ExampleRequest(params string[] contractIds) => Requests.ExampleRequest.For(Simulator.ConnectorAddress, contractIds);

    public Task<string> SubmitAsync(object body) => Client.SubmitAsync(body);

    /// <summary>
    /// Runs a few orchestrations end to end and reads their status, so that the code on that path is compiled before
    /// anything is measured: a fresh process compiles as it goes, whereas an in-process host runs code the test process
    /// compiled for earlier tests.
    /// </summary>
    public async Task WarmUpAsync()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SubmitAsync(ExampleRequest($"warm-up-{i}", $"warm-up-{i}-b"))));
        foreach (var id in ids)
        {
            await Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(60));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        await Simulator.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
