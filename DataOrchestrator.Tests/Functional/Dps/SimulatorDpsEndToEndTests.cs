using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Functional.Dps;

/// <summary>
/// EDC_DATA_FLOW=dps end to end, over real HTTP both ways: the service as a process of its own (its signaling
/// endpoints on a real port) and the simulator as EDC's consumer control plane in the 0.18.0 or the main shape, which
/// sends prepare and started to the data plane the service registered and takes its completed callback.
/// </summary>
[NonParallelizable]
public sealed class SimulatorDpsEndToEndTests
{
    private const string ClientKey = "dps-e2e-client-key";
    private const string EdcKey = "dps-e2e-edc-key";

    [TestCase(DpsShapes.V018, DataAddressForms.Spec)]
    [TestCase(DpsShapes.V018, DataAddressForms.Edc)]
    [TestCase(DpsShapes.V018, DataAddressForms.Mvd)]
    [TestCase(DpsShapes.Main, DataAddressForms.Spec)]
    [TestCase(DpsShapes.Main, DataAddressForms.Edc)]
    [TestCase(DpsShapes.Main, DataAddressForms.Mvd)]
    public async Task ShouldSaveEveryItem_ThroughDataPlaneSignaling(string shape, string form)
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey, DpsShape = shape });
        string[] contracts = ["dps-a", "dps-b"];
        foreach (var contract in contracts)
        {
            simulator.State.SetBehaviour(contract, new() { Dps = new DpsBehaviour { DataAddressForm = form } });
        }

        var data = Directory.CreateTempSubdirectory("do-dps-data-");
        try
        {
            await using var service = await StartServiceAsync(simulator, data.FullName);
            var id = await service.Client.SubmitAsync(ExampleRequest.For(simulator.ConnectorAddress, contracts));
            var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(60));

            var items = entry.GetProperty("items").EnumerateArray().ToList();
            var transferIds = items.Select(i => i.GetProperty("transfer_id").GetString()!).ToList();
            var prepares = simulator.State.Dps.Messages.Where(m => m.Kind == DpsMessageKinds.Prepare).ToList();

            // The item is SAVED once its file is; the completed callback follows it.
            await WaitForCompletedCallbacksAsync(simulator, transferIds);
            var completions = simulator.State.Dps.Messages.Where(m => m.Kind == DpsMessageKinds.Completed).ToList();
            var registration = simulator.State.Dps.DataPlanes.Single();
            Assert.Multiple(() =>
            {
                Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
                Assert.That(registration.Endpoint, Is.EqualTo($"{service.Address.GetLeftPart(UriPartial.Authority)}/signaling/dataflows"));
                Assert.That(registration.TransferTypes, Is.EqualTo(new[] { "HttpData-PULL" }));
                Assert.That(prepares.Select(m => m.TransferId), Is.EquivalentTo(transferIds));
                Assert.That(prepares.Select(m => Has(m.Body, shape == DpsShapes.Main ? "profile" : "transferType")), Is.All.True, "the prepare message of the shape");
                Assert.That(prepares.Select(m => m.Status), Is.All.EqualTo(200));
                Assert.That(completions.Select(m => (m.TransferId, m.Status)), Is.EquivalentTo(transferIds.Select(t => (t, (int?)200))), "one completed callback per transfer, accepted");
                Assert.That(transferIds.Select(t => simulator.State.Dps.FindFlow(t)!.State), Is.All.EqualTo("COMPLETED"));
                foreach (var item in items)
                {
                    var path = item.GetProperty("storage_path").GetString()!;
                    Assert.That(File.Exists(path) && new FileInfo(path).Length > 0, path);
                }
            });
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [Test]
    public async Task ShouldFailTheItemAndKeepNoFile_WhenTheProviderTerminatesTheTransfer()
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey, DpsShape = DpsShapes.V018 });
        simulator.State.SetBehaviour("stopped", new() { StallAfterBytes = 16, Dps = new DpsBehaviour { ProviderTerminateAfterMs = 200 } });
        var data = Directory.CreateTempSubdirectory("do-dps-data-");
        try
        {
            await using var service = await StartServiceAsync(simulator, data.FullName);
            var id = await service.Client.SubmitAsync(ExampleRequest.For(simulator.ConnectorAddress, ["stopped"]));
            var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(60));

            var item = entry.GetProperty("items")[0];
            Assert.Multiple(() =>
            {
                Assert.That(item.GetProperty("status").GetString(), Is.EqualTo("FAILED"), entry.ToString());
                Assert.That(item.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("PROVIDER_TERMINATED"));
                Assert.That(data.GetFiles("*", SearchOption.AllDirectories), Is.Empty, "no file, not even a partial one");
            });
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    [TestCase(DpsShapes.V018)]
    [TestCase(DpsShapes.Main)]
    public async Task ShouldSaveEveryItem_WithOAuth2ClientCredentialsBothWays(string shape)
    {
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey, DpsShape = shape });
        var oauth2 = $"{simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}{OAuth2TokenServer.BasePath}";
        var data = Directory.CreateTempSubdirectory("do-dps-data-");
        try
        {
            await using var service = await StartServiceAsync(simulator, data.FullName, new Dictionary<string, string>
            {
                ["DATAPLANE_AUTH"] = "oauth2",
                ["DATAPLANE_OAUTH2_TOKEN_ENDPOINT"] = oauth2 + "/token",
                ["DATAPLANE_OAUTH2_CLIENT_SECRET"] = OAuth2TokenServer.DefaultClientSecret,
                ["DATAPLANE_OAUTH2_JWKS_URI"] = oauth2 + "/jwks",
                ["DATAPLANE_OAUTH2_ISSUER"] = oauth2,
            });
            var id = await service.Client.SubmitAsync(ExampleRequest.For(simulator.ConnectorAddress, ["oauth-a", "oauth-b"]));
            var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(60));
            var transferIds = entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("transfer_id").GetString()!).ToList();
            await WaitForCompletedCallbacksAsync(simulator, transferIds);

            var registration = simulator.State.Dps.DataPlanes.Single();
            var toDataPlane = simulator.State.Dps.Messages.Where(m => m.Kind is DpsMessageKinds.Prepare or DpsMessageKinds.Started).ToList();
            var completions = simulator.State.Dps.Messages.Where(m => m.Kind == DpsMessageKinds.Completed).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
                Assert.That(registration.Authorization, Is.EqualTo(new AuthorizationProfile(oauth2 + "/token", "dataorchestrator", OAuth2TokenServer.DefaultClientSecret, oauth2 + "/jwks")));
                Assert.That(toDataPlane.Select(m => m.Status), Is.All.EqualTo(200), "the service accepted the control plane's tokens");
                Assert.That(completions.Select(m => (m.TransferId, m.Status)), Is.EquivalentTo(transferIds.Select(t => (t, (int?)200))), "the control plane accepted the service's tokens (sub = dataplaneId, signature)");
                Assert.That(simulator.State.Dps.OAuth2.TokensIssued, Is.EqualTo(2), "one token for each side, reused for every call");
            });
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Until the simulator has logged a completed callback for every transfer. Its flow state moves before the message is
    /// logged (the log holds the answer's status), so waiting on the state alone raced the log.
    /// </summary>
    private static Task WaitForCompletedCallbacksAsync(EdcSimulatorInstance simulator, IReadOnlyCollection<string> transferIds) =>
        Eventually.UntilAsync(
            () => transferIds.All(t => simulator.State.Dps.MessagesFor(t).Any(m => m.Kind == DpsMessageKinds.Completed)),
            TimeSpan.FromSeconds(30),
            "a completed callback for every transfer");

    private static Task<ServiceProcess> StartServiceAsync(EdcSimulatorInstance simulator, string dataDirectory, IDictionary<string, string>? extra = null)
    {
        var settings = DpsProcessSettings.For(
            ServiceProcessOptions.AddressPlaceholder, $"{simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}/api/signaling", dataDirectory, EdcKey, ClientKey);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return ApiProcess.StartAsync("dps", settings, ClientKey);
    }

    private static bool Has(string? body, string property) =>
        body is not null && JsonDocument.Parse(body).RootElement.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String;
}
