using Microsoft.Extensions.Logging;

namespace DataOrchestrator.Application.DataFlows;

/// <summary>The data plane's log messages (never a data address or token).</summary>
internal static partial class DataFlowLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Registered as data plane {DataPlaneId} with {ManagementUrl} (endpoint {Endpoint})")]
    public static partial void Registered(ILogger logger, string dataPlaneId, Uri managementUrl, Uri endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transfer process {TransferId} found no data plane; registering again and starting a new transfer")]
    public static partial void NoDataPlane(ILogger logger, string transferId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data flow {TransferId} was suspended by the control plane; the download waits for resume")]
    public static partial void Suspended(ILogger logger, string transferId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Data flow {TransferId}: sent {Callback} to the control plane")]
    public static partial void CallbackSent(ILogger logger, string transferId, string callback);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data flow {TransferId}: the {Callback} callback failed: {Reason}")]
    public static partial void CallbackFailed(ILogger logger, string transferId, string callback, string reason);
}
