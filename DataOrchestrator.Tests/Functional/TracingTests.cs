using System.Collections.ObjectModel;
using System.Diagnostics;
using DataOrchestrator.Api.Observability;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Tests.Support.Callbacks;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// Traces of a real run against the EDC simulator, caught by an in-memory exporter on the service's own tracing setup.
/// Spans of other hosts in this process reach the exporter too (listeners are process-wide): each test keeps the trace
/// of its own orchestration only.
/// </summary>
public sealed class TracingTests
{
    private static async Task<(ServiceHarness Harness, SpanList Spans)> StartTracedAsync(IDictionary<string, string?>? settings = null)
    {
        var spans = new SpanList();
        var harness = await ServiceHarness.StartAsync(settings, services: s => s.AddOpenTelemetry().WithTracing(t => t.AddServiceSources().AddInMemoryExporter(spans)));
        return (harness, spans);
    }

    /// <summary>The spans of the orchestration's trace, once its item span ended (after the item was SAVED and its transfer terminated).</summary>
    private static async Task<Activity[]> TraceOfAsync(ServiceHarness harness, SpanList spans, string orchestrationId)
    {
        Activity? ItemSpan()
        {
            lock (spans.Gate)
            {
                return spans.SingleOrDefault(s => s.Source.Name == OrchestratorTracing.Name && s.DisplayName == OrchestratorTracing.ItemSpan
                    && Equals(s.GetTagItem(OrchestratorTracing.OrchestrationIdTag), orchestrationId));
            }
        }

        await Eventually.UntilAsync(() => ItemSpan() is not null, TimeSpan.FromSeconds(10), "the item span ended");
        Assert.That(harness.Factory.Services.GetRequiredService<TracerProvider>().ForceFlush(5000), Is.True);
        var item = ItemSpan()!;
        lock (spans.Gate)
        {
            return [.. spans.Where(s => s.TraceId == item.TraceId)];
        }
    }

    [Test]
    public async Task ShouldTraceItemRun_WithStepSpansAndNestedHttpSpans_WhenTracingIsOn()
    {
        var (harness, spans) = await StartTracedAsync();
        await using var _ = harness;
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        var entry = await harness.WaitForFinalAsync(id);
        var transferId = entry.GetProperty("items")[0].GetProperty("transfer_id").GetString();

        var trace = await TraceOfAsync(harness, spans, id);
        var item = trace.Single(s => s.DisplayName == OrchestratorTracing.ItemSpan);
        var children = trace.Where(s => s.ParentSpanId == item.SpanId).OrderBy(s => s.StartTimeUtc).ToArray();
        var steps = children.Select(s => s.DisplayName).ToArray();
        var httpUnderSteps = trace.Where(s => s.Kind == ActivityKind.Client && children.Any(c => c.SpanId == s.ParentSpanId)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("SAVED"));
            Assert.That(item.ParentSpanId, Is.EqualTo(default(ActivitySpanId)), "the item span is the root of its trace");
            Assert.That(item.GetTagItem(OrchestratorTracing.TransferIdTag), Is.EqualTo(transferId));
            Assert.That(item.GetTagItem(OrchestratorTracing.ItemIndexTag), Is.EqualTo(0));
            Assert.That(item.GetTagItem(OrchestratorTracing.ConnectorHostTag), Is.EqualTo(new Uri(harness.Simulator.ConnectorAddress).Host));
            Assert.That(item.Status, Is.Not.EqualTo(ActivityStatusCode.Error));
            Assert.That(steps.Distinct(), Is.EqualTo(new[]
            {
                PipelineStage.StartTransfer, PipelineStage.WaitStarted, PipelineStage.RetrieveEdr, PipelineStage.Download, OrchestratorTracing.TerminateSpan,
            }));
            Assert.That(children.Single(s => s.DisplayName == PipelineStage.Download).GetTagItem(OrchestratorTracing.BytesTag), Is.GreaterThan(0L));
            Assert.That(children.Single(s => s.DisplayName == OrchestratorTracing.TerminateSpan).GetTagItem(OrchestratorTracing.TransferIdTag), Is.EqualTo(transferId));
            Assert.That(httpUnderSteps.Select(s => children.Single(c => c.SpanId == s.ParentSpanId).DisplayName).Distinct(), Is.EquivalentTo(steps.Distinct()),
                "every step made its HTTP calls under its own span");
        });
    }

    [Test]
    public async Task ShouldMarkItemSpanFailed_WithTheItemsErrorCode_WhenTheItemFails()
    {
        var (harness, spans) = await StartTracedAsync();
        await using var _ = harness;
        harness.Simulator.State.SetBehaviour("refused", new() { DataPlaneStatus = 403 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("refused"));
        var entry = await harness.WaitForFinalAsync(id);
        var code = entry.GetProperty("items")[0].GetProperty("error").GetProperty("code").GetString();

        var trace = await TraceOfAsync(harness, spans, id);
        var item = trace.Single(s => s.DisplayName == OrchestratorTracing.ItemSpan);
        Assert.Multiple(() =>
        {
            Assert.That(code, Is.Not.Null.And.Not.Empty);
            Assert.That(item.Status, Is.EqualTo(ActivityStatusCode.Error));
            Assert.That(item.StatusDescription, Is.EqualTo(code));
            Assert.That(item.GetTagItem(OrchestratorTracing.ErrorCodeTag), Is.EqualTo(code));
            Assert.That(trace.Single(s => s.DisplayName == PipelineStage.Download).Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    public async Task ShouldSendTraceparentOfTheCallbackSpan_WhenDeliveringACallback()
    {
        await using var receiver = await CallbackReceiver.StartAsync(CallbackTests.Secret);
        var (harness, spans) = await StartTracedAsync(CallbackTests.Settings());
        await using var _ = harness;
        var id = await harness.SubmitAsync(CallbackTests.Request(harness, receiver.Url, "a"));
        var received = (await receiver.WaitForAsync(1))[0];

        Activity? CallbackSpan()
        {
            lock (spans.Gate)
            {
                return spans.SingleOrDefault(s => s.DisplayName == OrchestratorTracing.CallbackSpan && Equals(s.GetTagItem(OrchestratorTracing.OrchestrationIdTag), id));
            }
        }

        await Eventually.UntilAsync(() => CallbackSpan() is not null, TimeSpan.FromSeconds(10), "the callback span ended");
        var callback = CallbackSpan()!;
        Assert.Multiple(() =>
        {
            Assert.That(received.Header("traceparent"), Does.StartWith($"00-{callback.TraceId.ToHexString()}-"));
            Assert.That(callback.GetTagItem(OrchestratorTracing.CallbackHostTag), Is.EqualTo(new Uri(receiver.Url).Host));
            Assert.That(callback.Status, Is.Not.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    public async Task ShouldNeverPutKeysOrTokens_IntoSpans()
    {
        var (harness, spans) = await StartTracedAsync();
        await using var _ = harness;
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        await harness.WaitForFinalAsync(id);

        var trace = await TraceOfAsync(harness, spans, id);
        var tokens = harness.Simulator.State.Transfers.Select(t => t.EdrToken).ToArray();
        var values = trace.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}").Append(s.DisplayName).Append(s.StatusDescription ?? string.Empty)
            .Concat(s.Events.Select(e => e.Name))).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(tokens, Has.Length.EqualTo(1));
            Assert.That(trace.Count(s => s.Kind == ActivityKind.Client), Is.GreaterThan(3), "the HTTP calls were traced, with their URLs");
            foreach (var secret in tokens.Append(ServiceHarness.EdcKey).Append(ServiceHarness.ClientKey))
            {
                Assert.That(values, Has.None.Contains(secret));
            }

            Assert.That(values, Has.None.Contains("authorization").IgnoreCase);
            Assert.That(values, Has.None.Contains("x-api-key").IgnoreCase);
        });
    }

    [Test]
    public async Task ShouldSendTraceparent_OnManagementCalls_WhenTracingIsOn()
    {
        var (harness, spans) = await StartTracedAsync();
        await using var _ = harness;
        var id = await harness.SubmitAsync(harness.ExampleRequest("a"));
        await harness.WaitForFinalAsync(id);

        var management = harness.Simulator.State.Calls.Where(c => c.Path.Contains("/management/", StringComparison.Ordinal)).ToArray();
        var trace = await TraceOfAsync(harness, spans, id);
        var item = trace.Single(s => s.DisplayName == OrchestratorTracing.ItemSpan);
        Assert.Multiple(() =>
        {
            Assert.That(management, Has.Length.GreaterThan(2));
            Assert.That(management, Has.All.Matches<DataOrchestrator.EdcSimulator.Calls.RecordedCall>(c => c.HasTraceparentHeader));
            Assert.That(harness.Logs.Lines.Where(l => l.Contains("|DataOrchestrator.Application.Transfers.", StringComparison.Ordinal)),
                Has.Some.Contains($"TraceId={item.TraceId.ToHexString()}"), "pipeline log lines carry the trace id");
        });
    }

    /// <summary>The exporter adds from the threads that end spans, while a test reads: both hold the gate.</summary>
    private sealed class SpanList : Collection<Activity>
    {
        public Lock Gate { get; } = new();

        protected override void InsertItem(int index, Activity item)
        {
            lock (Gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
