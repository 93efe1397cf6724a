using System.Text.Json;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Contract;
using DataOrchestrator.Tests.Functional;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// The real pipeline against the EDC simulator behind Prism validating against EDC's own Management API 3.1.3
/// document: what the service sends and what the simulator answers must both be what the specification accepts.
/// </summary>
public sealed class ManagementApiConformanceTests
{
    [Test]
    [CancelAfter(180_000)]
    public async Task ShouldSendAndReceiveOnlyWhatEdcsSpecificationAccepts_OnEveryPipelinePath(CancellationToken cancellationToken)
    {
        // The proxy serves the spec's paths (/v3/...) at its root, so the service's management path is "/".
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Edc:ManagementPath"] = "/" });
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApiSpec, new Uri(harness.Simulator.BaseAddress, "/api/management"));
        harness.Simulator.State.SetBehaviour("late-edr", new() { EdrMissingCalls = 2 });
        harness.Simulator.State.SetBehaviour("terminated", new() { StartDelayMs = 100, FinalState = "TERMINATED", ErrorDetail = "policy evaluation failed" });
        harness.Simulator.State.SetBehaviour("rejected", new() { RejectTransfer = new() });
        string[] agreements = ["ok", "late-edr", "terminated", "rejected"];
        var body = new
        {
            data = agreements.Select(contractId => new
            {
                type = "edc-asset",
                counterPartyAddress = "http://provider-qna-controlplane:8082/api/dsp",
                contractId,
                connectorId = "did:web:provider-identityhub:7083:provider",
            }).ToArray(),
            connectorAddress = prism.Address.ToString(),
        };

        var entry = await harness.WaitForFinalAsync(await harness.SubmitAsync(body), TimeSpan.FromSeconds(60));

        var items = entry.GetProperty("items").EnumerateArray().ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(i => i.GetProperty("status").GetString()), Is.EqualTo(new[] { "SAVED", "SAVED", "FAILED", "FAILED" }), entry.ToString());
            Assert.That(Error(items[2]).Code, Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(Error(items[2]).Message, Does.Contain("policy evaluation failed"));
            Assert.That(Error(items[3]).Code, Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(Error(items[3]).Message, Does.Contain("Contract agreement with id rejected not found"));
            Assert.That(prism.Output, Does.Not.Contain("VIOLATIONS").And.Not.Contain("✖"), prism.Output);
            Assert.That(prism.Output, Does.Contain("/v3/transferprocesses").And.Contain("/dataaddress").And.Contain("/terminate"), "the calls went through the validating proxy");
        });
        await Task.CompletedTask.WaitAsync(cancellationToken);
    }

    private static (string? Code, string? Message) Error(JsonElement item)
    {
        var error = item.GetProperty("error");
        return error.ValueKind == JsonValueKind.Null ? (null, null) : (error.GetProperty("code").GetString(), error.GetProperty("message").GetString());
    }
}
