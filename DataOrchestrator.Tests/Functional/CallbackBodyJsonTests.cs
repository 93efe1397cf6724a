using System.Text;
using System.Text.Json;
using DataOrchestrator.Application.Callbacks;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Tests.Functional;

/// <summary>
/// The callback body is serialized in Infrastructure, the status entry by the controllers: both must follow the same
/// JSON conventions (CallbackTests proves the same on a delivered callback).
/// </summary>
public sealed class CallbackBodyJsonTests
{
    private static OrchestrationStatusDto Entry() => new()
    {
        OrchestrationId = "c858791f-e6ac-43d0-bc03-4accd023b80a",
        ProcessStatus = ProcessStatus.PartiallyCompleted,
        CreatedAt = new DateTimeOffset(2025, 5, 22, 15, 18, 3, TimeSpan.FromHours(2)).AddTicks(6279379),
        UpdatedAt = new DateTimeOffset(2025, 5, 22, 13, 18, 12, TimeSpan.Zero).AddTicks(8744441),
        Properties = new Dictionary<string, string> { ["Project"] = "Zürich <&> +1" },
        StoragePaths = [new StoragePathDto { TransferId = "t-1", StoragePath = "data/a.json" }],
        Items =
        [
            new OrchestrationItemDto { Index = 0, Type = "contract", ContractId = "a", CounterPartyAddress = "http://provider/api/dsp", Status = ItemStatus.Saved, Bytes = 42 },
            new OrchestrationItemDto
            {
                Index = 1,
                Type = "contract",
                ContractId = "b",
                CounterPartyAddress = "http://provider/api/dsp",
                Status = ItemStatus.Failed,
                Error = new ItemErrorDto { Code = "EDC_ERROR", Message = "refused", EdcErrors = [new EdcErrorDto { Message = "no offer", Path = "offer" }] },
            },
        ],
        Callback = new CallbackStatusDto { Url = "https://hooks.example/done", State = CallbackState.Pending, Attempts = 1 },
    };

    [Test]
    public async Task ShouldSerializeTheCallbackBody_AsTheControllersSerializeTheStatusEntry()
    {
        await using var harness = await ServiceHarness.StartAsync();
        var serializer = harness.Factory.Services.GetRequiredService<IStatusEntrySerializer>();
        var controllers = harness.Factory.Services.GetRequiredService<IOptions<JsonOptions>>().Value.JsonSerializerOptions;

        var body = Encoding.UTF8.GetString(serializer.Serialize(Entry()));

        Assert.Multiple(() =>
        {
            Assert.That(body, Is.EqualTo(JsonSerializer.Serialize(Entry(), controllers)));
            Assert.That(body, Does.Contain("\"created_at\":\"2025-05-22T13:18:03.627937+00:00\""), "timestamps in UTC, to the microsecond");
            Assert.That(body, Does.Contain("\"last_error\":null"), "nulls are written");
            Assert.That(serializer.GetType().Assembly.GetName().Name, Is.EqualTo("DataOrchestrator.Infrastructure"), "no Application port is implemented in the Api");
        });
    }
}
