using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.EdcSimulator.Scenarios;
using DataOrchestrator.EdcSimulator.Signaling;
using DataOrchestrator.Testing.Processes;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Conformance;
using DataOrchestrator.Tests.Support.Dps;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// EDC_DATA_FLOW=dps with Prism on all three wires of the flow, each validating against the specification that
/// defines it: the control plane's calls to the service's signaling endpoints and the service's answers
/// (signaling-data-plane-openapi.yaml), the service's callbacks to the control plane's signaling API
/// (signaling-control-plane-openapi.yaml), and its registration and transfer calls to the Management API
/// (management-api-4.1.0.yaml). The simulator speaks EDC main's shape, which is the specification's (RC3): EDC 0.18.0
/// still sends RC2's <c>transferType</c> in prepare, and sends a <c>callbackAddress</c> that would bypass the proxy.
/// </summary>
[NonParallelizable]
public sealed class DataPlaneSignalingConformanceTests
{
    private const string ClientKey = "dps-conformance-client-key";
    private const string EdcKey = "dps-conformance-edc-key";
    private const string SignalingBase = "/signaling";

    [Test]
    [CancelAfter(240_000)]
    public async Task ShouldSendAndAnswerOnlyWhatTheSpecificationsAccept_OnEveryWireOfADpsTransfer(CancellationToken cancellationToken)
    {
        using var spec = LocalDpsSpec.Create();
        await using var simulator = await EdcSimulatorHost.StartAsync(new SimulatorOptions { ApiKey = EdcKey, DpsShape = DpsShapes.Main }, cancellationToken);
        string[] contracts = ["conf-a", "conf-b"];
        foreach (var contract in contracts)
        {
            simulator.State.SetBehaviour(contract, new() { Dps = new DpsBehaviour { DataAddressForm = DataAddressForms.Spec } });
        }

        var signalingRoot = new Uri($"{simulator.BaseAddress.GetLeftPart(UriPartial.Authority)}/api/signaling");
        await using var management = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi("4.1.0"), new Uri(simulator.ManagementAddress));
        await using var controlPlane = await PrismProxy.StartAsync(spec.ControlPlane, signalingRoot);

        // The spec's paths (/dataflows/...) are relative to the data plane's base, which is /signaling on the service;
        // Prism matches a request's path against them as they are, so the control plane reaches Prism through a
        // forwarder that takes the base off again. Prism's upstream is the service's base. The service is announced
        // at the forwarder, which learns Prism's address once the service (Prism's upstream) has one.
        PrismProxy? dataPlane = null;
        // A path outside the base is forwarded whole, for Prism to report.
        await using var front = await LoopbackForwarder.StartAsync(request => LoopbackForwarder.Under(
            dataPlane!.Address, request.Path.StartsWithSegments(SignalingBase, out var rest) ? rest.Value! : request.Path.Value!, request.QueryString));
        var data = Directory.CreateTempSubdirectory("do-dps-conformance-");
        try
        {
            await using var service = await StartServiceAsync(front.Address, controlPlane.Address, data.FullName);
            await using var prism = dataPlane = await PrismProxy.StartAsync(spec.DataPlane, new Uri(service.Address, SignalingBase));

            var id = await service.Client.SubmitAsync(ExampleRequest.For(management.Address.ToString(), contracts));
            var entry = await service.Client.WaitForFinalAsync(id, TimeSpan.FromSeconds(90));
            var transferIds = entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("transfer_id").GetString()!).ToList();

            // A violation on the way to the data plane or the connector stops the flow: report it as what it is.
            Assert.Multiple(() =>
            {
                prism.AssertNoViolations();
                management.AssertNoViolations();
            });
            await Eventually.UntilAsync(
                () => transferIds.All(t => simulator.State.Dps.FindFlow(t)?.State == "COMPLETED"),
                TimeSpan.FromSeconds(30),
                "every transfer has completed on the control plane");

            Assert.Multiple(() =>
            {
                Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
                Assert.That(entry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("status").GetString()), Is.All.EqualTo("SAVED"), entry.ToString());
                Assert.That(simulator.State.Dps.DataPlanes.Single().Endpoint, Is.EqualTo($"{front.Address.GetLeftPart(UriPartial.Authority)}{SignalingBase}/dataflows"));
                Assert.That(simulator.State.Dps.Messages.Where(m => m.Kind == DpsMessageKinds.Completed).Select(m => m.Status), Is.EqualTo(new int?[] { 200, 200 }));
                prism.AssertNoViolations();
                controlPlane.AssertNoViolations();
                management.AssertNoViolations();
                Assert.That(prism.Output, Does.Contain("/dataflows/prepare").And.Contain("/started"), "the data plane's endpoints were called through Prism");
                Assert.That(controlPlane.Output, Does.Contain("/dataflow/completed"), "the callbacks went through Prism");
                Assert.That(management.Output, Does.Contain("/v4/dataplanes").And.Contain("/v4/transferprocesses"), "the registration went through Prism");
            });
        }
        finally
        {
            data.Delete(recursive: true);
        }

        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    private static Task<ServiceProcess> StartServiceAsync(Uri publicUrl, Uri signalingUrl, string dataDirectory)
    {
        var settings = DpsProcessSettings.For(
            publicUrl.GetLeftPart(UriPartial.Authority), signalingUrl.GetLeftPart(UriPartial.Authority), dataDirectory, EdcKey, ClientKey);
        settings["EDC_MANAGEMENT_PATH"] = "/";
        return ApiProcess.StartAsync("dps-conformance", settings, ClientKey);
    }
}
