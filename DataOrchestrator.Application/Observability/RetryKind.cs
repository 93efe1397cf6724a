namespace DataOrchestrator.Application.Observability;

/// <summary>The <c>kind</c> tag of <c>dataorchestrator.retries</c>.</summary>
public static class RetryKind
{
    /// <summary>A Management API call repeated by the resilience pipeline after a transient failure.</summary>
    public const string EdcHttp = "edc_http";

    /// <summary>A data-plane request repeated by the resilience pipeline after a transient failure.</summary>
    public const string DataPlaneHttp = "data_plane_http";

    /// <summary>The EDR data address asked for again because EDC did not have it yet.</summary>
    public const string DataAddress = "data_address";

    /// <summary>A download tried again (resumed where it stopped, when the data plane allows) after its connection broke.</summary>
    public const string Download = "download";

    /// <summary>An item put back to wait for a connector it could not reach (WAITING_FOR_CONNECTOR).</summary>
    public const string ConnectorWait = "connector_wait";
}
