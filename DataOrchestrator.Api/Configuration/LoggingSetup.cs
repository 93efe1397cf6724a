using NLog;
using NLog.Web;

namespace DataOrchestrator.Api.Configuration;

/// <summary>Loads nlog.config and applies <c>LOG_LEVEL</c> (the original's DEBUG, INFO, WARNING names are accepted).</summary>
internal static class LoggingSetup
{
    public static Logger Configure(string? logLevel)
    {
        var level = ParseLevel(logLevel);
        var logger = LogManager.Setup().LoadConfigurationFromAppSettings().GetCurrentClassLogger();
        LogManager.Configuration!.Variables["minLevel"] = level.Name;
        LogManager.ReconfigExistingLoggers();
        return logger;
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
