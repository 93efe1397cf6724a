using System.Net;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Simulator;

/// <summary>
/// A TransferRequest's <c>privateProperties</c>, as EDC keeps them: keys expanded to IRIs, values as strings, stored with
/// the process and never written into a Management API answer.
/// </summary>
public sealed class PrivatePropertiesTests
{
    private const string Edc = "https://w3id.org/edc/v0.0.1/ns/";

    [TestCase(ManagementApiVersion.V3)]
    [TestCase(ManagementApiVersion.V4)]
    public async Task ShouldKeepThemWithKeysExpanded_AndLeaveThemOutOfTheAnswer_LikeEdc(string version)
    {
        await using var sim = await SimulatorClient.StartAsync();
        var request = With(Request(version), """
            {"attemptKey":"k-1","edc:prefixed":"p","https://w3id.org/edc/v0.0.1/ns/full":{"@value":"f"},"https://example.org/ns/other":"o"}
            """);

        var (status, created) = await sim.PostAsync($"/{version}/transferprocesses", request);
        var id = created.GetProperty("@id").GetString()!;
        var (_, process) = await sim.GetAsync($"/{version}/transferprocesses/{id}");

        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(sim.State.FindTransfer(id)!.PrivateProperties, Is.EquivalentTo(new Dictionary<string, string>
            {
                [Edc + "attemptKey"] = "k-1",
                [Edc + "prefixed"] = "p",
                [Edc + "full"] = "f",
                ["https://example.org/ns/other"] = "o",
            }));
            Assert.That(process.EnumerateObject().Select(p => p.Name), Has.None.Contains("rivateProperties"), "EDC's transformer never writes them");
            Assert.That(process.GetProperty("contractId").GetString(), Is.EqualTo("agreement-1"));
        });
    }

    [TestCase(ManagementApiVersion.V3, "InvalidRequest", Edc + "privateProperties")]
    [TestCase(ManagementApiVersion.V4, "ValidationFailure", "$.privateProperties")]
    public async Task ShouldRejectTheRequest_WhenPrivatePropertiesIsNotAnObject(string version, string type, string path)
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, errors) = await sim.PostAsync($"/{version}/transferprocesses", With(Request(version), "\"k-1\""));

        var error = errors.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo(type));
            Assert.That(error.GetProperty("path").GetString(), Is.EqualTo(path));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("privateProperties").And.Contain("OBJECT").IgnoreCase);
            Assert.That(sim.State.Transfers, Is.Empty);
        });
    }

    [Test]
    public async Task ShouldStoreNone_WhenTheRequestHasNone()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var id = await sim.StartTransferAsync("agreement-1");

        Assert.That(sim.State.FindTransfer(id)!.PrivateProperties, Is.Empty);
    }

    internal static string Request(string version) =>
        version == ManagementApiVersion.V4 ? SimulatorClient.V4TransferRequest("agreement-1") : SimulatorClient.V3TransferRequest("agreement-1");

    internal static string With(string request, string privateProperties) =>
        request.Replace("\"transferType\":\"HttpData-PULL\"", $"\"transferType\":\"HttpData-PULL\",\"privateProperties\":{privateProperties}", StringComparison.Ordinal);
}
