using System.Diagnostics;

namespace DataOrchestrator.Application.Observability;

/// <summary>
/// The service's own <see cref="ActivitySource"/>: a span per item run, per pipeline step, per terminate and per
/// callback attempt (docs/operations/tracing.md). With no listener (tracing not exported) StartActivity answers null
/// and costs next to nothing. Attribute values never carry keys, tokens or URLs, only hosts and ids.
/// </summary>
public static class OrchestratorTracing
{
    public const string Name = "DataOrchestrator";

    public const string ItemSpan = "item";
    public const string TerminateSpan = "terminate";
    public const string CallbackSpan = "callback";

    public const string OrchestrationIdTag = "dataorchestrator.orchestration_id";
    public const string ItemIndexTag = "dataorchestrator.item_index";
    public const string TransferIdTag = "dataorchestrator.transfer_id";
    public const string ConnectorHostTag = "dataorchestrator.connector_host";
    public const string CallbackHostTag = "dataorchestrator.callback_host";
    public const string AttemptTag = "dataorchestrator.attempt";
    public const string BytesTag = "dataorchestrator.bytes";
    public const string ErrorCodeTag = "dataorchestrator.error_code";

    public static ActivitySource Source { get; } = new(Name);

    /// <summary>The host of an absolute URL, or null: a URL may carry credentials or tokens, its host does not.</summary>
    public static string? HostOf(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : null;

    /// <summary>Marks the current span (the item's, when called from its ending) as failed with the item's error code.</summary>
    public static void MarkFailed(string errorCode)
    {
        var activity = Activity.Current;
        if (activity is not null && activity.Source == Source)
        {
            activity.SetStatus(ActivityStatusCode.Error, errorCode);
            activity.SetTag(ErrorCodeTag, errorCode);
        }
    }
}
