using System.Collections;
using System.Reflection;
using System.Text.Json;
using AutoMapper;
using AutoMapper.Internal;
using DataOrchestrator.Application.Orchestrations.Queries;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Tests.Support.Builders;

namespace DataOrchestrator.Tests.Unit.Application.Orchestrations.Queries;

public sealed class MappingTests
{
    private readonly MapperConfiguration _configuration = new(cfg => cfg.AddProfile<OrchestrationMappingProfile>());

    [Test]
    public void ShouldHaveValidConfiguration() => _configuration.AssertConfigurationIsValid();

    /// <summary>
    /// AutoMapper 14 can overflow the stack on deeply recursive graphs (GHSA-rvv3-g6hj-g44x, suppressed in
    /// Directory.Build.props for this reason): no type reachable from a mapped type may contain itself.
    /// </summary>
    [Test]
    public void ShouldMapOnlyNonRecursiveTypes()
    {
        var mapped = _configuration.Internal().GetAllTypeMaps().SelectMany(m => new[] { m.SourceType, m.DestinationType }).Distinct().ToArray();
        Assert.That(mapped, Is.Not.Empty);
        foreach (var type in mapped)
        {
            Assert.That(FindCycle(type, []), Is.Null, $"{type.Name} reaches itself through its properties");
        }
    }

    [Test]
    public void ShouldMapOrchestrationToTheWireEntry()
    {
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).WithItem(ItemStatus.Failed).Build();
        var dto = _configuration.CreateMapper().Map<OrchestrationStatusDto>(orchestration);

        Assert.Multiple(() =>
        {
            Assert.That(dto.OrchestrationId, Is.EqualTo(orchestration.Id.ToString()));
            Assert.That(dto.ProcessStatus, Is.EqualTo(ProcessStatus.PartiallyCompleted));
            Assert.That(dto.CreatedAt, Is.EqualTo(orchestration.CreatedAt));
            Assert.That(dto.StoragePaths, Has.Count.EqualTo(1));
            Assert.That(dto.StoragePaths[0].TransferId, Is.EqualTo("transfer-0"));
            Assert.That(dto.StoragePaths[0].Status, Is.EqualTo("SAVED"));
            Assert.That(dto.Items.Select(i => i.Status), Is.EqualTo(new[] { ItemStatus.Saved, ItemStatus.Failed }));
            Assert.That(dto.Items[1].Error!.Code, Is.EqualTo(ItemErrorCodes.TransferTerminated));
            Assert.That(dto.Properties["connector_address"], Is.EqualTo(orchestration.ConnectorAddress));
        });
    }

    [Test]
    public void ShouldMapPathAndQuery_QueryInNameOrder_AndNullWithoutThem()
    {
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).WithItem(ItemStatus.Queued).Build();
        orchestration = orchestration with
        {
            Items = [orchestration.Items[0] with { Path = "parts/42/report", Query = new Dictionary<string, string> { ["q"] = "a b", ["lang"] = "de" } }, orchestration.Items[1]],
        };

        var items = _configuration.CreateMapper().Map<OrchestrationStatusDto>(orchestration).Items;

        Assert.Multiple(() =>
        {
            Assert.That(items[0].Path, Is.EqualTo("parts/42/report"));
            Assert.That(items[0].Query, Is.EqualTo(new Dictionary<string, string> { ["lang"] = "de", ["q"] = "a b" }));
            Assert.That(items[0].Query!.Keys, Is.EqualTo(new[] { "lang", "q" }));
            Assert.That(items[1].Path, Is.Null);
            Assert.That(items[1].Query, Is.Null);
            Assert.That(JsonSerializer.Serialize(items[1]), Does.Contain("\"path\":null").And.Contain("\"query\":null"));
        });
    }

    [Test]
    public void ShouldMapTheCallbackFlat_AndNullWithoutOne()
    {
        var deliveredAt = OrchestrationBuilder.CreatedAt.AddSeconds(3);
        var callback = OrchestrationCallback.Pending("https://client.example/cb", OrchestrationBuilder.CreatedAt)
            .Claim(deliveredAt).Fail("HTTP 500", deliveredAt).Claim(deliveredAt).Deliver(deliveredAt);
        var mapper = _configuration.CreateMapper();
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).Build();

        var withCallback = mapper.Map<OrchestrationStatusDto>(orchestration with { Callback = callback }).Callback!;
        var without = mapper.Map<OrchestrationStatusDto>(orchestration).Callback;

        Assert.Multiple(() =>
        {
            Assert.That(withCallback.Url, Is.EqualTo("https://client.example/cb"));
            Assert.That(withCallback.State, Is.EqualTo(CallbackState.Delivered));
            Assert.That(withCallback.Attempts, Is.EqualTo(2));
            Assert.That(withCallback.LastError, Is.EqualTo("HTTP 500"));
            Assert.That(withCallback.DeliveredAt, Is.EqualTo(deliveredAt));
            Assert.That(without, Is.Null);
        });
    }

    [Test]
    public void ShouldMapPreviousErrorsNewestFirst_AndEmptyForAnItemNeverRetried()
    {
        var first = new ItemError(ItemErrorCodes.EdcRequestRejected, "first", [new EdcError("not found", "InvalidRequest", "p", "v")]);
        var second = ItemError.Of(ItemErrorCodes.Cancelled, "second");
        var item = (new OrchestrationBuilder().WithItem(ItemStatus.Failed).Build().Items[0] with { Error = first }).Retry() with { Status = ItemStatus.Failed, Error = second };
        var orchestration = new OrchestrationBuilder().WithItem(ItemStatus.Saved).WithItem(ItemStatus.Failed).Build();
        var mapper = _configuration.CreateMapper();

        var dto = mapper.Map<OrchestrationStatusDto>(orchestration.WithItem(item.Retry() with { Index = 1 }, OrchestrationBuilder.CreatedAt));

        Assert.Multiple(() =>
        {
            Assert.That(dto.Items[1].PreviousErrors.Select(e => e.Message), Is.EqualTo(new[] { "second", "first" }));
            Assert.That(dto.Items[1].PreviousErrors[1].Code, Is.EqualTo(ItemErrorCodes.EdcRequestRejected));
            Assert.That(dto.Items[1].PreviousErrors[1].EdcErrors.Single().Message, Is.EqualTo("not found"));
            Assert.That(dto.Items[0].PreviousErrors, Is.Empty);
        });
    }

    [Test]
    public void ShouldWriteEveryStatusByItsWireName_WithoutTheControllersJsonOptions()
    {
        Assert.Multiple(() =>
        {
            foreach (var status in Enum.GetValues<ItemStatus>())
            {
                Assert.That(JsonSerializer.Serialize(new OrchestrationItemDto { Status = status }), Does.Contain($"\"status\":\"{status.ToWireName()}\""));
            }

            foreach (var status in Enum.GetValues<ProcessStatus>())
            {
                Assert.That(JsonSerializer.Serialize(new OrchestrationStatusDto { ProcessStatus = status }), Does.Contain($"\"process_status\":\"{status.ToWireName()}\""));
            }

            foreach (var state in Enum.GetValues<CallbackState>())
            {
                Assert.That(JsonSerializer.Serialize(new CallbackStatusDto { State = state }), Does.Contain($"\"state\":\"{state.ToWireName()}\""));
            }
        });
    }

    [Test]
    public void ShouldReadAStatusBackFromItsWireName() =>
        Assert.That(JsonSerializer.Deserialize<OrchestrationItemDto>("""{"status":"DATA_ADDRESS_RETRIEVED"}""")!.Status, Is.EqualTo(ItemStatus.DataAddressRetrieved));

    private static Type? FindCycle(Type type, HashSet<Type> path)
    {
        type = ElementType(type);
        if (type.IsPrimitive || type.IsEnum || type == typeof(string) || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
        {
            return null;
        }

        if (!path.Add(type))
        {
            return type;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (FindCycle(property.PropertyType, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.Remove(type);
        return null;
    }

    private static Type ElementType(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying;
        }

        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var arguments = type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments();
            return arguments.Length > 0 ? ElementType(arguments[^1]) : type;
        }

        return type;
    }
}
