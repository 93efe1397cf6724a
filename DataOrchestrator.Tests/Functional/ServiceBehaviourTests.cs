using System.Net;
using System.Text.Json;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Workers;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace DataOrchestrator.Tests.Functional;

/// <summary>Backpressure, error hygiene, start-up validation and graceful shutdown of the running service.</summary>
public sealed class ServiceBehaviourTests
{
    [Test]
    public async Task ShouldAnswer503WithRetryAfter_AndStoreNothing_WhenQueueIsFull()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "1", ["Workers:QueueCapacity"] = "2", ["Workers:RetryAfterSeconds"] = "3", ["Limits:MaxItemsPerRequest"] = "2",
        });
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 5000 });
        var accepted = await harness.SubmitAsync(harness.ExampleRequest("slow", "slow"));
        await harness.WaitUntilAsync(accepted, e => e.GetProperty("items")[0].GetProperty("status").GetString() != "QUEUED");

        using var refused = await harness.PostAsync(harness.ExampleRequest("a", "b"));
        var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;

        using var list = await harness.Client.GetAsync("/status");
        var processes = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("response").GetProperty("orchestration_processes");
        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(3)));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("ERROR"));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(503));
            Assert.That(processes.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { accepted }));
        });
    }

    [Test]
    public async Task ShouldAnswer500WithoutExceptionDetails_WhenSomethingBreaks()
    {
        var service = new Mock<IOrchestrationQueries>();
        service.Setup(s => s.ListAsync(It.IsAny<ListOrchestrationsQuery>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("connection string Password=hunter2"));
        await using var harness = await ServiceHarness.StartAsync(services: s => s.AddScoped(_ => service.Object));

        using var response = await harness.Client.GetAsync("/status");
        var text = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(text).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(body.GetProperty("message").GetString(), Is.EqualTo("Internal server error"));
            Assert.That(body.GetProperty("status_code").GetInt32(), Is.EqualTo(500));
            Assert.That(text, Does.Not.Contain("hunter2").And.Not.Contain("InvalidOperationException"));
        });
    }

    [TestCase("WORKER_COUNT", "0", "Count")]
    [TestCase("REQUEST_TIMEOUT", "0", "RequestTimeoutSeconds")]
    [TestCase("REQUEST_TIMEOUT", "soon", "RequestTimeoutSeconds")]
    [TestCase("DATA_PLANE_TOKEN_SCHEME", "token", "DataPlaneTokenScheme")]
    [TestCase("EDC_MANAGEMENT_PATH", "api management", "ManagementPath")]
    [TestCase("LOG_LEVEL", "LOUD", "LOG_LEVEL")]
    [TestCase("EDR_ENDPOINT_REWRITES", "http://a", "EndpointRewrites")]
    [TestCase("QUEUE_CAPACITY", "10", "MAX_ITEMS_PER_REQUEST")]
    [TestCase("CALLBACK_SECRET", "too-short", "CALLBACK_SECRET")]
    [TestCase("CALLBACK_MAX_ATTEMPTS", "0", "MaxAttempts")]
    [TestCase("RETENTION_DAYS", "-0.5", "Days")]
    [TestCase("RETENTION_SWEEP_INTERVAL", "0", "SweepIntervalSeconds")]
    [TestCase("MAX_DOWNLOAD_BYTES", "-1", "MaxDownloadBytes")]
    [TestCase("MIN_FREE_DISK_BYTES", "-1", "MinFreeBytes")]
    [TestCase("API_KEYS", "sha256:0123abcd", "API_KEYS entry 1 starts with 'sha256:'")]
    [TestCase("API_KEYS", "client-key, sha256:zz", "API_KEYS entry 2 starts with 'sha256:'")]
    [TestCase("RATE_LIMIT_BURST", "0", "Burst")]
    [TestCase("RATE_LIMIT_PER_SECOND", "-1", "PermitsPerSecond")]
    [TestCase("MAX_JSON_DEPTH", "100", "MaxJsonDepth")]
    [TestCase("SWAGGER_UI", "maybe", "SwaggerUi")]
    [CancelAfter(60_000)]
    public async Task ShouldRefuseToStart_WithAClearMessage_WhenASettingIsInvalid(string variable, string value, string named, CancellationToken cancellationToken)
    {
        var (exitCode, stderr) = await ApiProcess.RunAsync(new Dictionary<string, string?> { [variable] = value }, dotEnv: null, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(stderr, Does.Contain("Invalid configuration").And.Contain(named));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldReportEveryInvalidSetting_WhenSeveralAreInvalid(CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ApiProcess.RunAsync(
            new Dictionary<string, string?> { ["RETENTION_DAYS"] = "-0.5", ["IDEMPOTENCY_KEY_TTL_HOURS"] = "0", ["API_KEYS"] = null, ["EDC_API_KEY"] = null, ["ALLOW_DEFAULT_API_KEY"] = null },
            dotEnv: null,
            cancellationToken);
        var reported = output.Split('\n').Single(l => l.StartsWith("Invalid configuration", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(1));
            Assert.That(reported, Does.Contain("'Days'").And.Contain("'KeyTtlHours'").And.Contain("shipped default key"));
        });
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldReadDotEnv_ButLetTheEnvironmentWin(CancellationToken cancellationToken)
    {
        var (fromDotEnv, stderr) = await ApiProcess.RunAsync(new Dictionary<string, string?>(), "WORKER_COUNT=0\n", cancellationToken);
        var (environmentWins, _) = await ApiProcess.RunAsync(
            new Dictionary<string, string?> { ["WORKER_COUNT"] = "2", ["SHUTDOWN_TIMEOUT"] = "0" }, "WORKER_COUNT=0\n", cancellationToken, stopAfterStart: true);

        Assert.Multiple(() =>
        {
            Assert.That(fromDotEnv, Is.EqualTo(1), ".env's invalid WORKER_COUNT=0 was applied");
            Assert.That(stderr, Does.Contain("Count"));
            Assert.That(environmentWins, Is.Zero, "the environment's WORKER_COUNT=2 overrode .env");
        });
    }

    [Test]
    public async Task ShouldStopIntake_FinishOrCancelRunningItems_AndRecordUnstartedOnes_OnShutdown()
    {
        await using var harness = await ServiceHarness.StartAsync(new Dictionary<string, string?>
        {
            ["Workers:Count"] = "1", ["Workers:ShutdownTimeoutSeconds"] = "0.5",
        });
        harness.Simulator.State.SetBehaviour("slow", new() { StartDelayMs = 30_000 });
        var id = await harness.SubmitAsync(harness.ExampleRequest("slow", "slow"));
        await harness.WaitUntilAsync(id, e => e.GetProperty("items")[0].GetProperty("status").GetString() == "TRANSFER_REQUESTED");

        await harness.Factory.Services.GetRequiredService<WorkerPool>().StopAsync(CancellationToken.None);

        var orchestration = await harness.Factory.Services.GetRequiredService<IOrchestrationRepository>().FindAsync(Guid.Parse(id), CancellationToken.None);
        using var refused = await harness.PostAsync(harness.ExampleRequest("a"));
        Assert.Multiple(() =>
        {
            Assert.That(orchestration!.Items.Select(i => i.Status), Is.EqualTo(new[] { ItemStatus.Failed, ItemStatus.Failed }));
            Assert.That(orchestration.Items.Select(i => i.Error!.Code), Is.EqualTo(new[] { ItemErrorCodes.Cancelled, ItemErrorCodes.Cancelled }));
            Assert.That(orchestration.Items[0].Error!.Message, Does.Contain("wait for the transfer to start"));
            Assert.That(orchestration.Items[1].Error!.Message, Does.Contain("before the item started"));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "no new work is taken once shutdown began");
        });
    }

    [Test]
    public async Task ShouldNotWatchConfigurationFiles_SoSavedFilesBelowTheContentRootWakeNothing()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var configuration = (IConfigurationRoot)harness.Factory.Services.GetRequiredService<IConfiguration>();
        var files = configuration.Providers.OfType<FileConfigurationProvider>().Select(p => p.Source).ToArray();

        Assert.That(files, Is.Not.Empty, "appsettings.json is read");
        Assert.That(files.Where(f => f.ReloadOnChange).Select(f => f.Path), Is.Empty, "a reloading source watches the content root recursively");
    }
}
