namespace DataOrchestrator.Application.Observability;

/// <summary>The <c>stage</c> tag of <c>dataorchestrator.stage.duration</c>: one value per pipeline step, in the order they run.</summary>
public static class PipelineStage
{
    public const string Catalog = "catalog";
    public const string Negotiate = "negotiate";

    /// <summary>REUSE_EDRS: the look-up of a reusable EDR, and the start of the transfer items then share when none is held.</summary>
    public const string ReuseEdr = "reuse_edr";

    public const string StartTransfer = "start_transfer";
    public const string WaitStarted = "wait_started";
    public const string RetrieveEdr = "retrieve_edr";
    public const string Download = "download";
}
