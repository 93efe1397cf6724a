using AutoMapper;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Application.Orchestrations.Errors;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Files;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;
using FluentValidation;
using Moq;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Queries;

public sealed class OrchestrationQueriesTests
{
    private readonly Mock<IOrchestrationRepository> _repository = new();
    private readonly IMapper _mapper = new MapperConfiguration(c => c.AddProfile<OrchestrationMappingProfile>()).CreateMapper();

    private OrchestrationQueries Queries() => new(_repository.Object, new ListOrchestrationsQueryValidator(), _mapper);

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
}
