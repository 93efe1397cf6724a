namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>An item whose download the provider holds half-sent (<see cref="DpsHarness.SubmitWithDownloadHeldHalfwayAsync"/>).</summary>
internal sealed class HeldDownload(FakeDpsControlPlane controlPlane, TaskCompletionSource hold, string orchestrationId, string transferId)
{
    public string OrchestrationId { get; } = orchestrationId;

    /// <summary>The item's transfer process, the only one the control plane has.</summary>
    public string TransferId { get; } = transferId;

    /// <summary>Sends the rest of the held response; later downloads get the whole payload at once.</summary>
    public void Release()
    {
        controlPlane.HoldData = null;
        hold.TrySetResult();
    }
}
