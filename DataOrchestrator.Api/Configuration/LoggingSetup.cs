using NLog;
using NLog.Web;

namespace DataOrchestrator.Api.Configuration;

/// <summary>Loads nlog.config and applies <c>LOG_LEVEL</c> (the original's DEBUG, INFO, WARNING names are accepted).</summary>
internal static class LoggingSetup
{
    public static Logger Configure(string? logLevel)
    {
        var level = ParseLevel(logLevel);
        var factory = LogManager.Setup().LoadConfigurationFromAppSettings().LogFactory;

        // Read once: the global configuration is null again once LogManager.Shutdown has run, which another host of the
        // same process (the tests run many) may do at any moment.
        if (factory.Configuration is { } configuration)
        {
            configuration.Variables["minLevel"] = level.Name;
            factory.ReconfigExistingLoggers();
        }

        return factory.GetCurrentClassLogger();
    }

    public static NLog.LogLevel ParseLevel(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        null or "" or "INFO" or "INFORMATION" => NLog.LogLevel.Info,
        "TRACE" => NLog.LogLevel.Trace,
        "DEBUG" => NLog.LogLevel.Debug,
        "WARN" or "WARNING" => NLog.LogLevel.Warn,
        "ERROR" => NLog.LogLevel.Error,
        "CRITICAL" or "FATAL" => NLog.LogLevel.Fatal,
        _ => throw new ArgumentException($"LOG_LEVEL '{value}' is not one of TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL."),
    };
}
