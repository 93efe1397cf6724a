using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;
using DataOrchestrator.Tests.Support.Requests;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// Property-style: several hundred generated malformed requests (see <see cref="BadRequestCatalog"/>) against the real
/// service. Each gets a 4xx in the error envelope, promptly; afterwards the service is ready, stored nothing, and
/// still completes a valid orchestration. The hand-written cases with exact field details are in
/// <see cref="MalformedRequestTests"/>.
/// </summary>
public sealed class GeneratedBadInputTests
{
    private const int MinimumRequests = 500;
    private static readonly TimeSpan PerRequestTimeout = TimeSpan.FromSeconds(10);
    private static readonly string[] EnvelopeFields = ["message", "status", "status_code", "details"];

    [Test]
    [CancelAfter(120_000)]
    public async Task ShouldAnswerEveryGeneratedBadRequestWith4xxEnvelope_AndStayHealthyAndStoreNothing_WhenFlooded()
    {
        // Rate limiting off: several hundred requests from one key would otherwise (correctly) get 429s.
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["RateLimit:PermitsPerSecond"] = "0" });
        var requests = BadRequestCatalog.Generate(harness.Simulator.ConnectorAddress, ServiceHarness.ClientKey);
        using var raw = harness.Factory.CreateDefaultClient();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var clock = Stopwatch.StartNew();

        foreach (var request in requests)
        {
            var problem = await SendAndCheckAsync(raw, request, statuses);
            if (problem is not null)
            {
                failures.Add($"{request.Name}: {problem}");
            }
        }

        await TestContext.Out.WriteLineAsync(
            $"{requests.Count} generated bad requests in {clock.Elapsed.TotalSeconds:0.0} s; statuses: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}");
        foreach (var failure in failures)
        {
            await TestContext.Out.WriteLineAsync($"FAILED {Shorten(failure)}");
        }

        var unhandled = harness.Logs.Lines.Where(l => l.Contains("Unhandled error", StringComparison.Ordinal)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(requests, Has.Count.GreaterThanOrEqualTo(MinimumRequests));
            Assert.That(requests.Select(r => r.Name), Is.Unique, "generated names identify each request");
            Assert.That(failures, Is.Empty, "requests not answered 4xx in the error envelope");
            Assert.That(unhandled, Is.Empty, "no request reached the unhandled-exception path");
            Assert.That(harness.Simulator.State.Calls, Is.Empty, "no bad request reached the EDC connector");
        });

        using var ready = await harness.Client.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "ready after the flood");
        var id = await harness.SubmitAsync(harness.ExampleRequest("after-the-flood"));
        var entry = await harness.WaitForFinalAsync(id);
        using var list = await harness.Client.GetAsync("/status");
        var listed = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement
            .GetProperty("response").GetProperty("orchestration_processes").EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(entry.GetProperty("process_status").GetString(), Is.EqualTo("COMPLETED"), entry.ToString());
            Assert.That(listed, Is.EqualTo(new[] { id }), "GET /status lists only the valid orchestration");
            Assert.That(harness.FilesOnDisk(), Has.Length.EqualTo(1), "only the valid orchestration's file was saved");
        });
    }

    [Test]
    public void ShouldGenerateTheSameRequests_OnEveryRun()
    {
        var first = BadRequestCatalog.Generate("http://127.0.0.1:1/cp", "k");
        var second = BadRequestCatalog.Generate("http://127.0.0.1:1/cp", "k");
        Assert.That(second.Select(r => r.Name + Convert.ToBase64String(r.Body ?? [])), Is.EqualTo(first.Select(r => r.Name + Convert.ToBase64String(r.Body ?? []))));
    }

    private static async Task<string?> SendAndCheckAsync(HttpClient client, BadRequest bad, Dictionary<int, int> statuses)
    {
        using var message = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null)
        {
            message.Content = bad.Chunked ? new StreamContent(new UnknownLengthStream(bad.Body)) : new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null && !message.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType))
            {
                return "the client refused the content type";
            }
        }

        foreach (var key in bad.ApiKeys)
        {
            if (!message.Headers.TryAddWithoutValidation("X-Api-Key", key))
            {
                return "the client refused the key";
            }
        }

        foreach (var (name, value) in bad.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value) && (message.Content is null || !message.Content.Headers.TryAddWithoutValidation(name, value)))
            {
                return $"the client refused header {name}";
            }
        }

        using var timeout = new CancellationTokenSource(PerRequestTimeout);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"no answer within {PerRequestTimeout.TotalSeconds} s";
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (status is < 400 or > 499)
            {
                return $"answered {status}: {Shorten(text)}";
            }

            return EnvelopeProblem(response.Content.Headers.ContentType, text, status);
        }
    }

    private static string? EnvelopeProblem(MediaTypeHeaderValue? contentType, string text, int status)
    {
        if (contentType?.MediaType != "application/json")
        {
            return $"answered {status} as {contentType?.MediaType ?? "no content type"}: {Shorten(text)}";
        }

        try
        {
            var body = JsonDocument.Parse(text).RootElement;
            var ok = body.ValueKind == JsonValueKind.Object
                && body.EnumerateObject().Select(p => p.Name).SequenceEqual(EnvelopeFields)
                && body.GetProperty("status").GetString() == "ERROR"
                && body.GetProperty("status_code").GetInt32() == status
                && body.GetProperty("message").GetString() is { Length: > 0 }
                && body.GetProperty("details").ValueKind == JsonValueKind.Object;
            return ok ? null : $"answered {status} outside the envelope: {Shorten(text)}";
        }
        catch (JsonException)
        {
            return $"answered {status} with a body that is not JSON: {Shorten(text)}";
        }
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>A body whose length the client cannot know, so it goes without Content-Length (chunked on a socket).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }
}
