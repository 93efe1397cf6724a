using System.Net;
using DataOrchestrator.EdcSimulator.Calls;
using DataOrchestrator.EdcSimulator.Control;
using DataOrchestrator.EdcSimulator.DataPlane;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Management;
using DataOrchestrator.EdcSimulator.Signaling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace DataOrchestrator.EdcSimulator.Hosting;

/// <summary>Builds and starts the simulator; used by Program.cs and by in-process tests alike.</summary>
public static class EdcSimulatorHost
{
    /// <summary>Starts Kestrel on 127.0.0.1 and returns a handle once the port is bound.</summary>
    public static async Task<EdcSimulatorInstance> StartAsync(
        SimulatorOptions? options = null, CancellationToken ct = default)
    {
        options ??= new SimulatorOptions();
        var app = Build(options);
        try
        {
            await app.StartAsync(ct);
            var state = app.Services.GetRequiredService<SimulatorState>();
            return new EdcSimulatorInstance(app, ResolveBaseAddress(app), state);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the application without starting it.</summary>
    public static WebApplication Build(SimulatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = ResolveLoopbackEndpoint(options.Url);
        var state = new SimulatorState(options);

        // The empty builder reads no appsettings or environment variables, so an in-process instance
        // behaves the same whatever the test's working directory or environment holds.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EdcSimulatorHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(endpoint);
        });
        builder.Services.AddRoutingCore();
        builder.Services.ConfigureHttpJsonOptions(json => SimulatorJson.Configure(json.SerializerOptions));
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddSingleton(state);
        builder.Services.AddHttpClient(DataPlaneClient.HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<DataPlaneClient>().AddSingleton<ProviderActions>().AddSingleton<DpsFlowRunner>();
        builder.Services.AddSingleton(options.TimeProvider).AddSingleton<DataPlaneTokens>().AddSingleton<CallbackAuthorization>();
        if (!options.HandleConsoleSignals)
        {
            builder.Services.AddSingleton<IHostLifetime>(new QuietLifetime());
        }

        builder.Logging.SetMinimumLevel(options.MinimumLogLevel);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);

        var app = builder.Build();
        app.Use(next => new CallRecordingMiddleware(next, state).InvokeAsync);
        app.Use(next => new FaultInjectionMiddleware(next, state).InvokeAsync);
        app.MapManagementApi("/consumer/cp/api/management", state);
        app.MapManagementApi("/api/management", state);
        app.MapManagementApi("/api/mgmt", state);
        app.MapDataPlane();
        app.MapSignalingApi();
        app.MapOAuth2();
        app.MapControlApi();
        return app;
    }

    internal static IPEndPoint ResolveLoopbackEndpoint(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var isLoopbackHost = url.Host is "127.0.0.1" or "localhost";
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttp || !isLoopbackHost)
        {
            throw new ArgumentException(
                $"The simulator listens on http://127.0.0.1 only; '{url}' is not allowed.", nameof(url));
        }

        return new IPEndPoint(IPAddress.Loopback, url.Port);
    }

    private static Uri ResolveBaseAddress(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses;
        return new Uri(addresses.First());
    }
}
