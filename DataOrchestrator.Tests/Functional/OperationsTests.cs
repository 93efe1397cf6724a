using System.Net;
using System.Text.Json;
using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Probes and request ids: what an operator and a log search rely on.</summary>
public sealed class OperationsTests
{
    [Test]
    public async Task ShouldReportReady_WithEachCheck_WithoutAKey()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var anonymous = harness.CreateClient();

        using var response = await anonymous.GetAsync("/health/ready");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("HEALTHY"));
            Assert.That(body.GetProperty("checks").EnumerateObject().Select(c => c.Name), Is.EquivalentTo(new[] { "repository", "data_directory", "workers" }));
            Assert.That(Directory.GetFiles(harness.DataDirectory, "*", SearchOption.AllDirectories), Is.Empty, "the write probe leaves nothing behind");
        });
    }

    [Test]
    public async Task ShouldReportNotReady_WhenTheDataDirectoryCannotBeWritten()
    {
        var blocker = Path.GetTempFileName(); // a file where the data directory should be
        try
        {
            await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?> { ["Storage:DataPath"] = Path.Combine(blocker, "data") });

            using var response = await harness.CreateClient().GetAsync("/health/ready");
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(body.GetProperty("checks").GetProperty("data_directory").GetProperty("status").GetString(), Is.EqualTo("UNHEALTHY"));
                Assert.That(body.GetProperty("checks").GetProperty("repository").GetProperty("status").GetString(), Is.EqualTo("HEALTHY"));
            });
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Test]
    public async Task ShouldEchoTheCallersRequestId_AndCarryItIntoTheLogLinesTheRequestCauses()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/orchestrate") { Content = JsonContent(harness.ExampleRequest("a")) };
        request.Headers.Add("X-Request-Id", "trace-4bf92f3577b34da6");

        using var response = await harness.Client.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("X-Request-Id"), Is.EqualTo(new[] { "trace-4bf92f3577b34da6" }));
            Assert.That(harness.Logs.Lines.Where(l => l.Contains("accepted with", StringComparison.Ordinal)), Has.One.Contains("RequestId=trace-4bf92f3577b34da6"));
        });
    }

    [Test]
    public async Task ShouldLogEachApiRequestAtInfo_AndProbesOnlyAtDebug()
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var anonymous = harness.Factory.CreateClient();
        using (await anonymous.GetAsync("/health/live"))
        using (await anonymous.GetAsync("/health/ready"))
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/status?limit=5&status=COMPLETED"))
        {
            request.Headers.Add("X-Request-Id", "access-log-1");
            using var _ = await harness.Client.SendAsync(request);
        }

        // The line is written once the response is complete, which the client may see first.
        string[] access = [];
        for (var waited = 0; waited < 100 && access.Length < 3; waited++, await Task.Delay(20))
        {
            access = harness.Logs.Lines.Where(l => l.Contains("|DataOrchestrator.Api.Middleware.AccessLogMiddleware|", StringComparison.Ordinal)).ToArray();
        }

        Assert.Multiple(() =>
        {
            Assert.That(access.Where(l => l.Contains("/health/", StringComparison.Ordinal)).ToArray(), Has.Length.EqualTo(2).And.All.StartsWith("Debug|"));
            Assert.That(
                access.Where(l => l.Contains("HTTP GET /status answered 200", StringComparison.Ordinal)).ToArray(),
                Has.One.StartsWith("Information|").And.Contains("RequestId=access-log-1"));
            Assert.That(access, Has.None.Contains("limit="), "query strings are not logged");
        });
    }

    [TestCase(null)]
    [TestCase("has spaces and | pipes")]
    [TestCase("\u00e9t\u00e9")]
    public async Task ShouldGiveEveryResponseAFreshRequestId_WhenTheCallerSendsNoneOrAnUnsafeOne(string? given)
    {
        await using var harness = await ServiceHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/status/{Guid.NewGuid()}");
        if (given is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-Id", given);
        }

        using var response = await harness.Client.SendAsync(request);

        Assert.That(response.Headers.GetValues("X-Request-Id").Single(), Does.Match("^[0-9a-f]{32}$"), "the 404 carries one too");
    }

    private static StringContent JsonContent(object body) => new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
