namespace DataOrchestrator.Application.Observability;

/// <summary>The <c>stage</c> tag of <c>dataorchestrator.stage.duration</c>: one value per pipeline step.</summary>
public static class PipelineStage
{
    public const string Catalog = "catalog";
    public const string Negotiate = "negotiate";
    public const string StartTransfer = "start_transfer";
    public const string WaitStarted = "wait_started";
    public const string RetrieveEdr = "retrieve_edr";
    public const string Download = "download";
}
