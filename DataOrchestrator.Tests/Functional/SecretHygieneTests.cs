namespace DataOrchestrator.Tests.Functional;

/// <summary>API keys and EDR tokens never appear in logs, responses or saved files.</summary>
public sealed class SecretHygieneTests
{
    [Test]
    public async Task ShouldNeverWriteKeysOrEdrTokens_ToLogsOrResponses()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["LOG_LEVEL"] = "TRACE" });
        harness.Simulator.State.SetBehaviour("late", new() { EdrMissingCalls = 1 });
        harness.Simulator.State.SetBehaviour("refused", new() { DataPlaneStatus = 403 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("ok", "late", "refused"));
        var entry = await harness.WaitForFinalAsync(id);
        using var list = await harness.Client.GetAsync("/status");
        var responses = entry.ToString() + await list.Content.ReadAsStringAsync();

        var tokens = harness.Simulator.State.Transfers.Select(t => t.EdrToken).ToArray();
        var logs = string.Join('\n', harness.Logs.Lines);
        Assert.Multiple(() =>
        {
            Assert.That(tokens, Has.Length.EqualTo(3));
            Assert.That(harness.Logs.Lines, Has.Count.GreaterThan(20), "the pipeline did log");
            Assert.That(logs, Does.Contain(id), "log lines carry the orchestration id");
            foreach (var secret in tokens.Append(ServiceHarness.EdcKey).Append(ServiceHarness.ClientKey))
            {
                Assert.That(logs, Does.Not.Contain(secret));
                Assert.That(responses, Does.Not.Contain(secret));
            }

            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("PARTIALLY_COMPLETED"));
        });
    }

    [Test]
    public async Task ShouldTagEveryPipelineLogLine_WithOrchestrationAndTransferIds()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        var entry = await harness.WaitForFinalAsync(id);
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString()!;

        var pipelineLines = harness.Logs.Lines.Where(l => l.Contains("|DataOrchestrator.Application.Transfers.TransferPipeline|", StringComparison.Ordinal)).ToArray();
        Assert.That(pipelineLines, Is.Not.Empty);
        Assert.That(pipelineLines, Has.All.Contains($"OrchestrationId={id}"));
        Assert.That(pipelineLines.Where(l => !l.Contains("requested for contract", StringComparison.Ordinal)), Has.All.Contains($"TransferId={transferId}"));
    }
}
