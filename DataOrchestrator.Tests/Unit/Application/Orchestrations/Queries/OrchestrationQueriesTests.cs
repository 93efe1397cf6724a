using System.Text.Json;
using AutoMapper;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Files;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;
using FluentValidation;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Queries;

public sealed class OrchestrationQueriesTests
{
    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 59, 30, TimeSpan.Zero));
    private readonly IMapper _mapper = new MapperConfiguration(c => c.AddProfile<OrchestrationMappingProfile>()).CreateMapper();

    private OrchestrationQueries Queries() => new(_repository.Object, new ListOrchestrationsQueryValidator(), new SummaryQueryValidator(), _mapper, _time);

    [TestCase("not-a-guid")]
    [TestCase("00000000-0000-0000-0000-000000000001")]
    public void ShouldThrowNotFound_ForUnknownIds(string id) =>
        Assert.That(async () => await Queries().GetAsync(id, CancellationToken.None), Throws.InstanceOf<OrchestrationNotFoundException>());

    [Test]
    public void ShouldRefuseABadQuery_BeforeReadingTheStore()
    {
        Assert.That(async () => await Queries().ListAsync(new ListOrchestrationsQuery { Limit = 0 }, CancellationToken.None), Throws.InstanceOf<ValidationException>());
        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public async Task ShouldAnswerTheRecordedFile_WithItsMediaType_AndNoPathOnDisk()
    {
        var orchestration = new OrchestrationBuilder().WithItem().Build();
        var saved = orchestration.Items[0] with
        {
            Status = ItemStatus.Saved, TransferId = "tp-1", StoragePath = "./data/file_tp-1_20250101000000_abcdef.json", Bytes = 12, Sha256 = "ab12",
        };
        _repository.Setup(r => r.FindAsync(orchestration.Id, It.IsAny<CancellationToken>())).ReturnsAsync(orchestration.WithItem(saved, OrchestrationBuilder.CreatedAt.AddMinutes(1)));

        var file = await Queries().GetFileAsync(orchestration.Id.ToString(), "tp-1", CancellationToken.None);

        Assert.That(file, Is.EqualTo(new SavedFile("./data/file_tp-1_20250101000000_abcdef.json", "application/json", 12, "ab12")));
        Assert.That(async () => await Queries().GetFileAsync(orchestration.Id.ToString(), "tp-2", CancellationToken.None), Throws.InstanceOf<SavedFileNotFoundException>());
    }

    [Test]
    public async Task ShouldAnswerOneBucketPerMinute_OldestFirst_EndingWithTheCurrentMinute()
    {
        static DateTimeOffset Minute(int minute) => new(2026, 12, 4, 9, minute, 0, TimeSpan.Zero);
        var (from, until) = (Minute(57), Minute(57).AddMinutes(3));
        var counts = new Dictionary<ProcessStatus, long> { [ProcessStatus.Completed] = 2, [ProcessStatus.Queued] = 1 };
        _repository.Setup(r => r.SummarizeAsync(from, until, It.IsAny<CancellationToken>())).ReturnsAsync(new OrchestrationSummary(counts,
        [
            new FinishedItemCount(Minute(58), ItemStatus.Saved, 3), new FinishedItemCount(Minute(59), ItemStatus.Failed, 1),
            new FinishedItemCount(Minute(59), ItemStatus.Cancelled, 2),
        ]));

        var summary = await Queries().GetSummaryAsync(new SummaryQuery { Minutes = 3 }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(summary.FinishedPerMinute.Select(m => (m.Minute, m.Saved, m.Failed, m.Cancelled)), Is.EqualTo(new[]
            {
                (Minute(57), 0L, 0L, 0L), (Minute(58), 3L, 0L, 0L), (Minute(59), 0L, 1L, 2L),
            }));
            Assert.That((summary.ProcessCounts.Completed, summary.ProcessCounts.Queued, summary.ProcessCounts.Failed), Is.EqualTo((2L, 1L, 0L)));
            Assert.That(summary.Total, Is.EqualTo(3));
            Assert.That(summary.GeneratedAt, Is.EqualTo(_time.GetUtcNow()));
        });
    }

    [Test]
    public async Task ShouldCountTheLastHour_WhenNoMinutesAreGiven()
    {
        _repository.Setup(r => r.SummarizeAsync(It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrchestrationSummary(new Dictionary<ProcessStatus, long>(), []));

        var summary = await Queries().GetSummaryAsync(new SummaryQuery(), CancellationToken.None);

        var until = new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);
        _repository.Verify(r => r.SummarizeAsync(until.AddHours(-1), until, It.IsAny<CancellationToken>()));
        Assert.That(summary.FinishedPerMinute, Has.Count.EqualTo(60));
        Assert.That(summary.FinishedPerMinute[^1].Minute, Is.EqualTo(until.AddMinutes(-1)));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(1441)]
    public void ShouldRefuseMinutesOutOfRange_BeforeReadingTheStore(int minutes)
    {
        Assert.That(async () => await Queries().GetSummaryAsync(new SummaryQuery { Minutes = minutes }, CancellationToken.None),
            Throws.InstanceOf<ValidationException>().With.Message.Contains("Must be between 1 and 1440."));
        _repository.VerifyNoOtherCalls();
    }

    [Test]
    public void ShouldNameEveryProcessStatusInTheCounts_ByItsWireName_ZerosIncluded()
    {
        var json = JsonSerializer.SerializeToElement(new ProcessCountsDto(new Dictionary<ProcessStatus, long> { [ProcessStatus.Failed] = 4 }));

        Assert.That(json.EnumerateObject().Select(p => p.Name), Is.EqualTo(StatusNames.All<ProcessStatus>()));
        Assert.That(json.EnumerateObject().Select(p => p.Value.GetInt64()), Is.EqualTo(Enum.GetValues<ProcessStatus>().Select(s => s == ProcessStatus.Failed ? 4L : 0L)));
    }
}
