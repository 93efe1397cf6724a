using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Support.Dps;

/// <summary>The service with <c>EDC_DATA_FLOW=dps</c>, and the test's own control plane (<see cref="FakeDpsControlPlane"/>) connected to it.</summary>
internal sealed class DpsHarness : IAsyncDisposable
{
    public const string PublicUrl = "http://dataorchestrator.test";

    private DpsHarness(FakeDpsControlPlane controlPlane, ServiceHarness service)
    {
        ControlPlane = controlPlane;
        Service = service;
        Signaling = service.Factory.CreateClient();
    }

    public FakeDpsControlPlane ControlPlane { get; }

    public ServiceHarness Service { get; }

    /// <summary>A plain client of the service for the signaling endpoints (not in the OpenAPI document, so not contract-checked).</summary>
    public HttpClient Signaling { get; }

    /// <param name="settings">Configuration over the DPS defaults; may depend on the control plane's address.</param>
    /// <param name="arrange">Sets the control plane's behaviour before the service starts.</param>
    public static async Task<DpsHarness> StartAsync(
        Func<FakeDpsControlPlane, IDictionary<string, string?>>? settings = null, Action<FakeDpsControlPlane>? arrange = null)
    {
        var controlPlane = await FakeDpsControlPlane.StartAsync();
        arrange?.Invoke(controlPlane);
        var configuration = new Dictionary<string, string?>
        {
            ["Edc:DataFlow"] = "dps",
            ["DataPlane:PublicUrl"] = PublicUrl,
            ["DataPlane:AllowHttpEndpoints"] = "true",
            ["Persistence:PollIntervalMs"] = "20",
        };
        foreach (var (key, value) in settings?.Invoke(controlPlane) ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        try
        {
            var service = await ServiceHarness.StartAsync(configuration);
            var harness = new DpsHarness(controlPlane, service);
            controlPlane.Connect(service.Factory.CreateClient());
            return harness;
        }
        catch
        {
            await controlPlane.DisposeAsync();
            throw;
        }
    }

    public Task<string> SubmitAsync(params string[] contractIds) =>
        Service.SubmitAsync(ExampleRequest.For(ControlPlane.BaseAddress, contractIds.Length == 0 ? ["contract-1"] : contractIds));

    public Task<JsonElement> WaitForFinalAsync(string orchestrationId) => Service.WaitForFinalAsync(orchestrationId);

    /// <summary>
    /// Submits one item whose 256 KiB of data the provider sends half of and then holds until
    /// <see cref="HeldDownload.Release"/>, and returns once that half is sent: the item is mid-download.
    /// </summary>
    public async Task<HeldDownload> SubmitWithDownloadHeldHalfwayAsync()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ControlPlane.Payload = [.. Enumerable.Range(0, 256 * 1024).Select(i => (byte)i)];
        ControlPlane.HoldData = hold;
        var orchestrationId = await SubmitAsync();
        await ControlPlane.HalfSent.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new HeldDownload(ControlPlane, hold, orchestrationId, ControlPlane.Transfers.Single().Id);
    }

    public async ValueTask DisposeAsync()
    {
        Signaling.Dispose();
        await Service.DisposeAsync();
        await ControlPlane.DisposeAsync();
    }
}
