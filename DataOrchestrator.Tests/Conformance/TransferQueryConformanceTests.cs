using System.Net;
using System.Text;
using System.Text.Json;
using DataOrchestrator.EdcSimulator.Hosting;
using DataOrchestrator.Tests.Support;
using DataOrchestrator.Tests.Support.Conformance;
using DataOrchestrator.Tests.Support.Simulator;

namespace DataOrchestrator.Tests.Conformance;

/// <summary>
/// The simulator's transfer query behind Prism validating against EDC's own Management API documents: a
/// TransferRequest with privateProperties, then <c>POST /{v}/transferprocesses/request</c> with a QuerySpec filtered on
/// contractId and a private property, newest first; request and answer must both be what the document accepts.
/// </summary>
public sealed class TransferQueryConformanceTests
{
    [TestCase("3.1.3", ManagementApiVersion.V3)]
    [TestCase("4.1.0", ManagementApiVersion.V4)]
    [CancelAfter(120_000)]
    public async Task ShouldSendAndAnswerOnlyWhatTheSpecificationAccepts_WhenQueryingTransfers(
        string spec, string version, CancellationToken cancellationToken)
    {
        await using var sim = await SimulatorClient.StartAsync();
        await using var prism = await PrismProxy.StartAsync(RepositoryPaths.ManagementApi(spec), new Uri(sim.Simulator.ManagementAddress));
        using var http = new HttpClient { BaseAddress = prism.Address };
        var v4 = version == ManagementApiVersion.V4;
        var request = (v4 ? SimulatorClient.V4TransferRequest("agreement-c") : SimulatorClient.V3TransferRequest("agreement-c"))
            .Replace("\"transferType\":\"HttpData-PULL\"", "\"transferType\":\"HttpData-PULL\",\"privateProperties\":{\"attemptKey\":\"k-1\"}", StringComparison.Ordinal);

        var context = v4 ? $"[\"{SimulatorClient.V2Context}\"]" : """{"@vocab":"https://w3id.org/edc/v0.0.1/ns/"}""";
        var query = $$"""
            {"@context":{{context}},"@type":"QuerySpec","offset":0,"limit":10,"sortField":"createdAt","sortOrder":"DESC",
             "filterExpression":[{"@type":"Criterion","operandLeft":"contractId","operator":"=","operandRight":"agreement-c"},
               {"@type":"Criterion","operandLeft":"privateProperties.'https://w3id.org/edc/v0.0.1/ns/attemptKey'","operator":"=","operandRight":"k-1"}]}
            """;

        var (created, createdBody) = await PostAsync(http, $"/{version}/transferprocesses", request, sim.Simulator.ApiKey, cancellationToken);
        var (queried, page) = await PostAsync(http, $"/{version}/transferprocesses/request", query, sim.Simulator.ApiKey, cancellationToken);
        var (rejected, _) = await PostAsync(
            http, $"/{version}/transferprocesses/request", query.Replace("\"operator\":\"=\"", "\"operator\":\"like\"", StringComparison.Ordinal), sim.Simulator.ApiKey, cancellationToken);

        Assert.Multiple(() =>
        {
            prism.AssertNoViolations();
            Assert.That(created, Is.EqualTo(HttpStatusCode.OK), createdBody.ToString());
            Assert.That(queried, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            Assert.That(page.EnumerateArray().Select(p => p.GetProperty("@id").GetString()), Is.EqualTo(new[] { createdBody.GetProperty("@id").GetString() }));
            Assert.That(rejected, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(prism.Output, Does.Contain($"/{version}/transferprocesses/request"));
        });
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        HttpClient http, string path, string json, string apiKey, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        message.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(message, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }
}
