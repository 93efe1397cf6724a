using System.Diagnostics;
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
using Moq;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Retention;

public sealed class RetentionServiceTests
{
    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly LogCapture _logs = new();
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
        _loggerFactory.Dispose();
        await _services.DisposeAsync();
    }

    private RetentionService Service(double days = 7, double intervalSeconds = 0.02)
    {
        var options = Options.Create(new RetentionOptions { Days = days, SweepIntervalSeconds = intervalSeconds });
        var sweeper = new RetentionSweeper(
            _repository.Object,
            Mock.Of<IDataStore>(MockBehavior.Strict),
            new InProcessRetentionLock(),
            new RetentionMetrics(_services.GetRequiredService<IMeterFactory>()),
            TimeProvider.System,
            options,
            _loggerFactory.CreateLogger<RetentionSweeper>());
        return new RetentionService(sweeper, options, TimeProvider.System, _loggerFactory.CreateLogger<RetentionService>());
    }

    private void FindDueAnswers(Func<CancellationToken, Task<IReadOnlyList<Orchestration>>> answer) =>
        _repository.Setup(r => r.FindDueForRemovalAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns((DateTimeOffset _, int _, CancellationToken token) =>
            {
                Interlocked.Increment(ref _finds);
                return answer(token);
            });

    private async Task WaitForFindsAsync(int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (Volatile.Read(ref _finds) < count)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the service swept {_finds} times, expected {count}");
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task ShouldKeepSweeping_WhenASweepFails()
    {
        var failures = new Queue<Exception>([new StoreUnavailableException("database down", new TimeoutException()), new InvalidOperationException("bug")]);
        FindDueAnswers(_ => failures.TryDequeue(out var failure) ? Task.FromException<IReadOnlyList<Orchestration>>(failure) : Task.FromResult<IReadOnlyList<Orchestration>>([]));
        using var service = Service();

        await service.StartAsync(CancellationToken.None);
        await WaitForFindsAsync(4);
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
        FindDueAnswers(async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return [];
        });
        using var service = Service();
        await service.StartAsync(CancellationToken.None);
        await WaitForFindsAsync(1);

        var stopping = Stopwatch.StartNew();
        await service.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stopping.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
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
        await Task.Delay(300);
        await service.StopAsync(CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(_finds, Is.Zero);
            Assert.That(_logs.Lines, Has.One.Contains("Retention is off"));
        });
    }
}
