using System.Net.Http.Json;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Contract;
using DataOrchestrator.Tests.Support.Logging;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Tests.Support.Hosting;

/// <summary>
/// The real service (WebApplicationFactory over Program) wired to a real EDC simulator on a loopback port,
/// with its own data directory. No mocks at the HTTP boundary.
/// </summary>
internal sealed class ServiceHarness : IAsyncDisposable
{
    public const string ClientKey = "client-key-for-tests";
    public const string EdcKey = "edc-management-key-7f3a";

    private readonly OpenApiContract _contract;
    private readonly List<string> _contractViolations = [];

    private ServiceHarness(EdcSimulatorInstance simulator, WebApplicationFactory<Program> factory, string dataDirectory, LogCapture logs, OpenApiContract contract)
    {
        Simulator = simulator;
        Factory = factory;
        DataDirectory = dataDirectory;
        Logs = logs;
        _contract = contract;
        Client = CreateClient(ClientKey);
    }

    public EdcSimulatorInstance Simulator { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public LogCapture Logs { get; }

    /// <summary>
    /// The configuration a test's own settings go over: quick EDC polls and retries against the simulator's key, eight
    /// workers that stop within a second, the data directory and the client key.
    /// </summary>
    public static Dictionary<string, string?> DefaultSettings(string dataDirectory, string clientKey) => new()
    {
        ["Edc:ApiKey"] = EdcKey,
        ["Edc:StatePollIntervalMs"] = "10",
        ["Edc:StatePollMaxIntervalMs"] = "50",
        ["Edc:DataAddressRetryDelayMs"] = "10",
        ["Edc:TransientRetryDelayMs"] = "10",
        ["Edc:StartTimeoutSeconds"] = "10",
        ["Storage:DataPath"] = dataDirectory,
        ["Auth:ApiKeys"] = clientKey,
        ["Workers:Count"] = "8",
        ["Workers:ShutdownTimeoutSeconds"] = "1",
    };

    /// <param name="settings">Configuration over the harness's defaults.</param>
    /// <param name="services">Service replacements (ConfigureTestServices).</param>
    /// <param name="simulatorSettings">Settings that depend on the simulator's address, known only once it runs.</param>
    /// <param name="environment">The hosting environment; WebApplicationFactory's default is Development.</param>
    public static async Task<ServiceHarness> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        Func<EdcSimulatorInstance, IDictionary<string, string?>>? simulatorSettings = null,
        string? environment = null)
    {
        var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey });
        var dataDirectory = Directory.CreateTempSubdirectory("do-data-").FullName;
        var configuration = DefaultSettings(dataDirectory, ClientKey);
        foreach (var (key, value) in (settings ?? new Dictionary<string, string?>()).Concat(simulatorSettings?.Invoke(simulator) ?? new Dictionary<string, string?>()))
        {
            configuration[key] = value;
        }

        var logs = new LogCapture();
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            // Host settings too: Program reads some (the storage backend) while registering services, before the app
            // configuration callbacks of WebApplicationFactory run.
            foreach (var (key, value) in configuration)
            {
                builder.UseSetting(key, value);
            }

            if (environment is not null)
            {
                builder.UseEnvironment(environment);
            }

            builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(configuration));
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });

        try
        {
            return new ServiceHarness(simulator, factory, dataDirectory, logs, await OpenApiContract.LoadAsync());
        }
        catch
        {
            await factory.DisposeAsync();
            await simulator.DisposeAsync();
            Directory.Delete(dataDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>A client of the service whose every response is checked against the committed OpenAPI document.</summary>
    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = Factory.CreateDefaultClient(new ContractCheckingHandler(_contract, _contractViolations));
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }

    public Task<HttpResponseMessage> PostAsync(object body) => Client.PostAsJsonAsync("/orchestrate", body);

    /// <summary>The original's example body, pointed at the simulator.</summary>
    public object ExampleRequest(params string[] contractIds) => Requests.ExampleRequest.For(Simulator.ConnectorAddress, contractIds);

    public Task<string> SubmitAsync(object body) => Client.SubmitAsync(body);

    public Task<JsonElement> GetEntryAsync(string orchestrationId) => Client.GetEntryAsync(orchestrationId);

    /// <summary>Polls GET /status/{id} until the orchestration is COMPLETED, PARTIALLY_COMPLETED, FAILED or CANCELLED.</summary>
    public Task<JsonElement> WaitForFinalAsync(string orchestrationId, TimeSpan? timeout = null) => Client.WaitForFinalAsync(orchestrationId, timeout);

    /// <summary>Polls until the predicate holds for the entry.</summary>
    public async Task<JsonElement> WaitUntilAsync(string orchestrationId, Func<JsonElement, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var entry = await GetEntryAsync(orchestrationId);
            if (predicate(entry))
            {
                return entry;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Orchestration {orchestrationId} never reached the expected state: {entry}");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>Files in the data directory, hidden temporary ones included.</summary>
    public string[] FilesOnDisk() => Directory.GetFiles(DataDirectory);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        await Simulator.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
        lock (_contractViolations)
        {
            Assert.That(_contractViolations, Is.Empty, "responses that do not match docs/openapi.json");
        }
    }
}
