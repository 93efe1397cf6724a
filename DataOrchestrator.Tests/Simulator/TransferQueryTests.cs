using System.Net;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Faults;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;
using Microsoft.Extensions.Time.Testing;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// <c>POST /v3|v4/transferprocesses/request</c>: a QuerySpec filtered with <c>=</c> on id, contractId, state or a private
/// property, sorted by createdAt or id, paged by offset and limit, answered with processes shaped as GET answers them.
/// </summary>
public sealed class TransferQueryTests
{
    private const string AttemptKey = "privateProperties.'https://w3id.org/edc/v0.0.1/ns/attemptKey'";

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-05-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [TestCase(ManagementApiVersion.V3)]
    [TestCase(ManagementApiVersion.V4)]
    public async Task ShouldAnswerTheNewestTransfersOfOneContract_AsGetAnswersThem(string version)
    {
        await using var sim = await StartAsync();
        var (first, second, third) = (await StartAsync(sim, "agreement-q", version), await StartAsync(sim, "agreement-q", version), await StartAsync(sim, "agreement-q", version));
        await StartAsync(sim, "other", version);

        var (status, page) = await sim.PostAsync(
            $"/{version}/transferprocesses/request",
            Query(version, "\"sortField\":\"createdAt\",\"sortOrder\":\"DESC\",\"limit\":2", ("contractId", "=", "agreement-q")));
        var (_, get) = await sim.GetAsync($"/{version}/transferprocesses/{third}");

        var call = sim.State.Calls.Single(c => c.Path.EndsWith("/transferprocesses/request", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(Ids(page), Is.EqualTo(new[] { third, second }), "newest first, two of three");
            Assert.That(page[0].GetRawText(), Is.EqualTo(get.GetRawText()), "each element exactly as GET answers it");
            Assert.That(call.Method, Is.EqualTo("POST"));
            Assert.That(call.ContractId, Is.EqualTo("agreement-q"));
            Assert.That(call.StatusCode, Is.EqualTo(200));
            Assert.That(first, Is.Not.AnyOf(Ids(page)));
        });
    }

    [Test]
    public async Task ShouldSortEitherWay_SkipTheOffset_AndKeepCreationOrderWithoutASortField()
    {
        await using var sim = await StartAsync();
        string[] ids = [await StartAsync(sim, "a"), await StartAsync(sim, "b"), await StartAsync(sim, "c")];
        const string V3 = ManagementApiVersion.V3;

        var ascending = await PageAsync(sim, V3, "\"sortField\":\"createdAt\",\"sortOrder\":\"ASC\",\"offset\":1");
        var descending = await PageAsync(sim, V3, "\"sortField\":\"createdAt\",\"sortOrder\":\"DESC\",\"offset\":1");
        var byId = await PageAsync(sim, ManagementApiVersion.V4, "\"sortField\":\"id\"");
        var unsorted = await PageAsync(sim, V3, "\"limit\":2");
        var (_, everything) = await sim.PostAsync("/v3/transferprocesses/request", string.Empty);
        var beyond = await PageAsync(sim, V3, "\"offset\":3");

        Assert.Multiple(() =>
        {
            Assert.That(ascending, Is.EqualTo(new[] { ids[1], ids[2] }));
            Assert.That(descending, Is.EqualTo(new[] { ids[1], ids[0] }));
            Assert.That(byId, Is.EqualTo(ids.Order(StringComparer.Ordinal)));
            Assert.That(unsorted, Is.EqualTo(ids[..2]));
            Assert.That(Ids(everything), Is.EqualTo(ids), "no body: the first page of everything, as in EDC");
            Assert.That(beyond, Is.Empty);
        });
    }

    [TestCase(ManagementApiVersion.V3)]
    [TestCase(ManagementApiVersion.V4)]
    public async Task ShouldFilterOnIdStateAndAPrivateProperty(string version)
    {
        await using var sim = await StartAsync();
        sim.State.SetBehaviour("slow", new() { StartDelayMs = 600_000 });
        var started = await StartAsync(sim, "fast", version);
        var (_, created) = await sim.PostAsync(
            $"/{version}/transferprocesses",
            PrivatePropertiesTests.With(Request(version, "slow"), """{"attemptKey":"k-2"}"""));
        var waiting = created.GetProperty("@id").GetString()!;

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(await PageAsync(sim, version, null, ("state", "=", "STARTED")), Is.EqualTo(new[] { started }));
            Assert.That(await PageAsync(sim, version, null, ("id", "=", waiting)), Is.EqualTo(new[] { waiting }));
            Assert.That(await PageAsync(sim, version, null, (AttemptKey, "=", "k-2")), Is.EqualTo(new[] { waiting }));
            Assert.That(await PageAsync(sim, version, null, (AttemptKey, "=", "k-2"), ("contractId", "=", "fast")), Is.Empty, "filters are ANDed");
            Assert.That(await PageAsync(sim, version, null, ("privateProperties.attemptKey", "=", "k-2")), Is.Empty, "the keys are IRIs");
        });
    }

    [TestCase(ManagementApiVersion.V3, null, "assetId", "=", "InvalidRequest", "'assetId'")]
    [TestCase(ManagementApiVersion.V4, null, "correlationId", "=", "InvalidRequest", "'correlationId'")]
    [TestCase(ManagementApiVersion.V3, null, "contractId", "like", "ValidationFailure", "Operator like is not supported")]
    [TestCase(ManagementApiVersion.V4, null, "contractId", "in", "ValidationFailure", "Operator in is not supported")]
    [TestCase(ManagementApiVersion.V4, null, "privateProperties.'https://w3id.org/edc/v0.0.1/ns/attempt-key'", "=", "InvalidRequest", "Querying Map types is not yet supported")]
    [TestCase(ManagementApiVersion.V3, "\"offset\":-1", null, null, "ValidationFailure", "offset' must be greater or equal to zero")]
    [TestCase(ManagementApiVersion.V3, "\"limit\":0", null, null, "ValidationFailure", "limit' must be greater than zero")]
    [TestCase(ManagementApiVersion.V4, "\"limit\":0", null, null, "ValidationFailure", "$.limit: must have a minimum value of 1")]
    [TestCase(ManagementApiVersion.V4, "\"offset\":\"2\"", null, null, "ValidationFailure", "$.offset: string found, integer expected")]
    [TestCase(ManagementApiVersion.V4, "\"sortOrder\":\"UP\"", null, null, "ValidationFailure", "$.sortOrder: does not have a value in the enumeration")]
    [TestCase(ManagementApiVersion.V3, "\"sortField\":\"state\"", null, null, "InvalidRequest", "sorts by createdAt or id only, not by 'state'")]
    [TestCase(ManagementApiVersion.V4, "\"filterExpression\":[{\"operandLeft\":\"id\",\"operator\":\"=\",\"operandRight\":\"x\"}]", null, null, "ValidationFailure", "required property '@type' not found")]
    public async Task ShouldAnswer400NamingIt_WhenTheQueryAsksForWhatTheSimulatorCannotAnswer(
        string version, string? fields, string? operandLeft, string? op, string type, string message)
    {
        await using var sim = await StartAsync();
        var body = operandLeft is null ? Query(version, fields) : Query(version, fields, (operandLeft, op!, "x"));

        var (status, errors) = await sim.PostAsync($"/{version}/transferprocesses/request", body);

        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest), errors.ToString());
        var error = errors.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("message").GetString(), Does.Contain(message));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo(type));
        });
    }

    [Test]
    public async Task ShouldGuardTheQueryLikeEveryManagementCall()
    {
        await using var sim = await StartAsync();
        using var http = new HttpClient();

        using var withoutKey = await http.PostAsync(sim.Simulator.ManagementAddress + "/v3/transferprocesses/request", new StringContent("{}"));
        sim.State.ManagementApiVersions = new HashSet<string> { ManagementApiVersion.V3 };
        var (v4Off, _) = await sim.PostAsync("/v4/transferprocesses/request", Query(ManagementApiVersion.V4, null));
        sim.State.Faults.Configure(new FaultSetting(1, Kinds: [nameof(FaultKind.BadGateway)]));
        var (faulted, _) = await sim.PostAsync("/v3/transferprocesses/request", Query(ManagementApiVersion.V3, null));

        Assert.Multiple(() =>
        {
            Assert.That(withoutKey.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(v4Off, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(faulted, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(sim.State.Calls[^1].Fault, Is.EqualTo(nameof(FaultKind.BadGateway)));
        });
    }

    private static string Request(string version, string contractId) =>
        version == ManagementApiVersion.V4 ? SimulatorClient.V4TransferRequest(contractId) : SimulatorClient.V3TransferRequest(contractId);

    /// <summary>A QuerySpec in the version's form: v3 compact under the edc @vocab, v4 with the v2 context and typed criteria.</summary>
    private static string Query(string version, string? fields, params (string Left, string Operator, string Right)[] filters)
    {
        var v4 = version == ManagementApiVersion.V4;
        var criteria = filters.Select(f =>
            $$"""{{{(v4 ? "\"@type\":\"Criterion\"," : string.Empty)}}"operandLeft":{{JsonSerializer.Serialize(f.Left)}},"operator":"{{f.Operator}}","operandRight":"{{f.Right}}"}""");
        var context = v4 ? $"[\"{SimulatorClient.V2Context}\"]" : """{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"}""";
        var filterExpression = filters.Length == 0 ? string.Empty : $",\"filterExpression\":[{string.Join(',', criteria)}]";
        return $$"""{"@context":{{context}},"@type":"QuerySpec"{{(fields is null ? string.Empty : "," + fields)}}{{filterExpression}}}""";
    }

    private static string?[] Ids(JsonElement page) => page.EnumerateArray().Select(p => p.GetProperty("@id").GetString()).ToArray();

    private static async Task<string?[]> PageAsync(
        SimulatorClient sim, string version, string? fields, params (string Left, string Operator, string Right)[] filters)
    {
        var (status, page) = await sim.PostAsync($"/{version}/transferprocesses/request", Query(version, fields, filters));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), page.ToString());
        return Ids(page);
    }

    private Task<SimulatorClient> StartAsync() => SimulatorClient.StartAsync(new SimulatorOptions { TimeProvider = _time });

    // Each transfer a second after the one before, so createdAt orders them.
    private async Task<string> StartAsync(SimulatorClient sim, string contractId, string version = ManagementApiVersion.V3)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        return await sim.StartTransferAsync(contractId, version);
    }
}
