using System.Diagnostics.Metrics;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Retention;
using DataOrchestrator.Application.Transfers.Storage;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Retention;
using DataOrchestrator.Tests.Support.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Retention;

public sealed class RetentionServiceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly LogCapture _logs = new();
    private readonly FakeTimeProvider _time = new();
    private readonly SemaphoreSlim _swept = new(0);
    private ServiceProvider _services = null!;
    private ILoggerFactory _loggerFactory = null!;
    private int _finds;

    [SetUp]
    public void SetUp()
    {
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _loggerFactory = LoggerFactory.Create(logging => logging.AddProvider(_logs).SetMinimumLevel(LogLevel.Debug));
        _repository.Setup(r => r.PurgeExpiredIdempotencyKeysAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        _swept.Dispose();
        _loggerFactory.Dispose();
        await _services.DisposeAsync();
    }

    private RetentionService Service(double days = 7)
    {
        var options = Options.Create(new RetentionOptions { Days = days, SweepIntervalSeconds = Interval.TotalSeconds });
        var sweeper = new RetentionSweeper(
            _repository.Object,
            Mock.Of<IDataStore>(MockBehavior.Strict),
            new InProcessRetentionLock(),
            new RetentionMetrics(_services.GetRequiredService<IMeterFactory>()),
            _time,
            options,
            _loggerFactory.CreateLogger<RetentionSweeper>());
        return new RetentionService(sweeper, options, _time, _loggerFactory.CreateLogger<RetentionService>());
    }

    private void FindDueAnswers(Func<CancellationToken, Task<IReadOnlyList<Orchestration>>> answer) =>
        _repository.Setup(r => r.FindDueForRemovalAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((DateTimeOffset _, int _, CancellationToken token) =>
            {
                Interlocked.Increment(ref _finds);
                _swept.Release();
                return answer(token);
            });

    /// <summary>
    /// Moves the fake clock on, a quarter of the sweep interval at a time, until the service begins its next sweep.
    /// One jump of a whole interval could come before the service has set its timer: it sets its timers in a task of
    /// its own (BackgroundService runs ExecuteAsync on the thread pool), which a loaded machine may start late.
    /// </summary>
    private async Task SweepOnceAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!patience.IsCancellationRequested)
        {
            _time.Advance(Interval / 4);
            if (await _swept.WaitAsync(TimeSpan.FromMilliseconds(50)))
            {
                return;
            }
        }

        Assert.Fail($"The service swept {_finds} times, and not once more while the clock moved on.");
    }

    [Test]
    public async Task ShouldKeepSweeping_WhenASweepFails()
    {
        var failures = new Queue<Exception>([new StoreUnavailableException("database down", new TimeoutException()), new InvalidOperationException("bug")]);
        FindDueAnswers(_ => failures.TryDequeue(out var failure) ? Task.FromException<IReadOnlyList<Orchestration>>(failure) : Task.FromResult<IReadOnlyList<Orchestration>>([]));
        using var service = Service();

        await service.StartAsync(CancellationToken.None);
        for (var sweep = 0; sweep < 4; sweep++)
        {
            await SweepOnceAsync();
        }

        await service.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_logs.Lines, Has.One.Matches<string>(l => l.StartsWith("Warning|", StringComparison.Ordinal) && l.Contains("database down", StringComparison.Ordinal)));
            Assert.That(_logs.Lines, Has.One.Matches<string>(l => l.StartsWith("Error|", StringComparison.Ordinal) && l.Contains("Retention sweep failed", StringComparison.Ordinal)));
            Assert.That(service.ExecuteTask!.IsCompletedSuccessfully, Is.True);
        });
    }

    [Test]
    public async Task ShouldStopPromptly_WhenShutDownDuringASweep()
    {
        var never = new TaskCompletionSource<IReadOnlyList<Orchestration>>();
        FindDueAnswers(token => never.Task.WaitAsync(token));
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await SweepOnceAsync();

        // No fake time passes: the stop must not wait for the sweep, a timer or a timeout of its own.
        var stopping = service.StopAsync(CancellationToken.None);

        Assert.That(async () => await stopping.WaitAsync(TimeSpan.FromSeconds(2)), Throws.Nothing, "the stop ended the running sweep");
        Assert.Multiple(() =>
        {
            Assert.That(service.ExecuteTask!.IsCompletedSuccessfully, Is.True);
            Assert.That(_logs.Lines, Has.None.Matches<string>(l => l.StartsWith("Error|", StringComparison.Ordinal)), "cancellation is not a failure");
        });
    }

    [Test]
    public async Task ShouldNeverSweep_WhenRetentionIsZero()
    {
        FindDueAnswers(_ => Task.FromResult<IReadOnlyList<Orchestration>>([]));
        using var service = Service(days: 0);

        await service.StartAsync(CancellationToken.None);
        await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromDays(1));
        await service.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_finds, Is.Zero);
            Assert.That(_logs.Lines, Has.One.Contains("Retention is off"));
        });
    }
}
