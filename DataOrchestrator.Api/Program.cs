using DataOrchestrator.Api;
using DataOrchestrator.Api.Configuration;
using DataOrchestrator.Application;
using DataOrchestrator.Infrastructure;
using Microsoft.Extensions.Options;
using NLog;
using NLog.Web;

// Precedence: environment variables > .env (never overrides a set variable) > appsettings.json > defaults.
DotNetEnv.Env.NoClobber().Load();

Logger logger;
try
{
    logger = LoggingSetup.Configure(Environment.GetEnvironmentVariable("LOG_LEVEL"));
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync($"Invalid configuration: {exception.Message}");
    return 1;
}

try
{
    // Configuration is read once. Reloading on change would watch the content root and everything below it, and the
    // data directory usually is below it: every saved file would wake the watcher (measurable CPU under load).
    var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);
    builder.Configuration.AddShippedDefaults();
    builder.Configuration.AddEnvironmentAliases(Environment.GetEnvironmentVariables());
    builder.Logging.ClearProviders();
    builder.Host.UseNLog();

    builder.Services
        .AddApplication()
        .AddInfrastructure(builder.Configuration)
        .AddApi(builder.Configuration);

    var app = builder.Build();
    app.UseApi();

    // The host runs, stops and is disposed on a clean execution context, not on this entry point's. A timer that a
    // library arms while the host runs or is disposed (NLog's flush when its logger provider is disposed keeps one for
    // its full 15 s timeout) would otherwise keep that context, and with it whatever the caller of the entry point put
    // there: the tests' WebApplicationFactory, and through it the whole disposed host.
    Task running;
    using (ExecutionContext.SuppressFlow())
    {
        running = Task.Run(() => app.RunAsync());
    }

    await running;
    return 0;
}
// A setting that fails validation, or that cannot even be converted to its type, stops the service with the reason.
// Start-up validation throws an AggregateException when several options fail; each reason is reported.
catch (Exception exception) when (exception is OptionsValidationException or AggregateException { InnerExceptions: [OptionsValidationException, ..] }
    || (exception is InvalidOperationException && exception.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal)))
{
    var reason = exception is AggregateException all ? string.Join(" ", all.InnerExceptions.Select(e => e.Message)) : exception.Message;
    logger.Fatal("Invalid configuration: {Reason}", reason);
    await Console.Error.WriteLineAsync($"Invalid configuration: {reason}");
    return 1;
}
catch (Exception exception) when (exception is not HostAbortedException)
{
    logger.Fatal(exception, "The service stopped because of an unexpected error");
    return 1;
}
finally
{
    // NLog's flush arms a timer for its full timeout (above), which must not keep this entry point's context either.
    using (ExecutionContext.SuppressFlow())
    {
        LogManager.Shutdown();
    }
}

/// <summary>The entry point, visible to the functional tests' WebApplicationFactory.</summary>
public partial class Program;
