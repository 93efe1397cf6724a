using DataOrchestrator.Application.Callbacks;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Unit.Application.Callbacks;

public sealed class CallbackScheduleTests
{
    private static readonly DateTimeOffset FinishedAt = new(2025, 5, 22, 13, 18, 12, TimeSpan.Zero);

    private static CallbackSchedule Schedule(Action<CallbackOptions>? configure = null)
    {
        var options = new CallbackOptions();
        configure?.Invoke(options);
        return new CallbackSchedule(Options.Create(options));
    }

    [Test]
    public void ShouldDoubleTheDelay_FromTheInitialDelayUpToTheMaximum_WithTheDefaults()
    {
        var schedule = Schedule();
        var delays = Enumerable.Range(1, 11).Select(attempt => schedule.DelayAfter(attempt).TotalSeconds);
        Assert.That(delays, Is.EqualTo(new double[] { 1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300 }));
    }

    [Test]
    public void ShouldKeepAFractionalInitialDelay()
    {
        var schedule = Schedule(o => (o.InitialDelaySeconds, o.MaxDelaySeconds) = (0.05, 0.15));
        Assert.That(Enumerable.Range(1, 4).Select(a => schedule.DelayAfter(a).TotalMilliseconds), Is.EqualTo(new double[] { 50, 100, 150, 150 }));
    }

    [Test]
    public void ShouldNotOverflow_ForAVeryLateAttempt() =>
        Assert.That(Schedule().DelayAfter(10_000), Is.EqualTo(TimeSpan.FromSeconds(300)));

    [Test]
    public void ShouldScheduleTheNextAttempt_AfterTheDelayOfTheFailedOne()
    {
        var now = FinishedAt.AddSeconds(5);
        Assert.That(Schedule().NextAttemptAt(3, FinishedAt, now), Is.EqualTo(now.AddSeconds(4)));
    }

    [Test]
    public void ShouldGiveUp_AfterMaxAttempts()
    {
        var schedule = Schedule(o => o.MaxAttempts = 3);
        Assert.Multiple(() =>
        {
            Assert.That(schedule.NextAttemptAt(2, FinishedAt, FinishedAt), Is.Not.Null);
            Assert.That(schedule.NextAttemptAt(3, FinishedAt, FinishedAt), Is.Null);
        });
    }

    [Test]
    public void ShouldGiveUp_WhenTheNextAttemptWouldFallPastTheBoundAfterFinishing()
    {
        var schedule = Schedule(o => (o.MaxAttempts, o.GiveUpAfterMinutes) = (100, 1));
        Assert.Multiple(() =>
        {
            Assert.That(schedule.NextAttemptAt(5, FinishedAt, FinishedAt.AddSeconds(44)), Is.EqualTo(FinishedAt.AddSeconds(60)), "16 s later is still within the minute");
            Assert.That(schedule.NextAttemptAt(5, FinishedAt, FinishedAt.AddSeconds(45)), Is.Null, "16 s later is past it");
        });
    }

    [Test]
    public void ShouldHideAClaimedCallback_LongerThanAnAttemptMayTake() =>
        Assert.That(Schedule(o => o.TimeoutSeconds = 10).ClaimDuration, Is.GreaterThan(TimeSpan.FromSeconds(10)));
}
