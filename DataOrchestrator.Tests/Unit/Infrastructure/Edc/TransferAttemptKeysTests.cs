using System.Text.Json;
using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

/// <summary>The attempt key is recognised in whatever form EDC compacts a TransferProcess's privateProperties to.</summary>
public sealed class TransferAttemptKeysTests
{
    [TestCase("""{"https://w3id.org/edc/v0.0.1/ns/dataOrchestratorAttempt": "key-1"}""", true)]
    [TestCase("""{"dataOrchestratorAttempt": "key-1"}""", true)]
    [TestCase("""{"edc:dataOrchestratorAttempt": "key-1"}""", true)]
    [TestCase("""{"dataOrchestratorAttempt": {"@value": "key-1"}}""", true)]
    [TestCase("""{"dataOrchestratorAttempt": [{"@value": "key-1"}]}""", true)]
    [TestCase("""{"dataOrchestratorAttempt": "key-2"}""", false)]
    [TestCase("""{"otherAttempt": "key-1"}""", false)]
    [TestCase("""{}""", false)]
    [TestCase("""null""", false)]
    public void ShouldFindTheKey_InEveryCompactedForm(string privateProperties, bool carries)
    {
        var transfer = new TransferProcessDto("tp-1", "STARTED", null) { PrivateProperties = JsonDocument.Parse(privateProperties).RootElement.Clone() };

        Assert.That(TransferAttemptKeys.Carries(transfer, "key-1"), Is.EqualTo(carries));
    }

    [Test]
    public void ShouldAskForTheAgreementsNewestTransfers_InTheVersionsQuerySpec()
    {
        var query = JsonSerializer.SerializeToElement(TransferAttemptKeys.NewestOf(v4: true, "agreement-1"), EdcJsonContext.Default.TransferQueryDto);

        Assert.Multiple(() =>
        {
            Assert.That(query.GetProperty("@context")[0].GetString(), Is.EqualTo("https://w3id.org/edc/connector/management/v2"));
            Assert.That(query.GetProperty("@type").GetString(), Is.EqualTo("QuerySpec"));
            Assert.That(query.GetProperty("sortField").GetString(), Is.EqualTo("createdAt"));
            Assert.That(query.GetProperty("sortOrder").GetString(), Is.EqualTo("DESC"));
            Assert.That(query.GetProperty("limit").GetInt32(), Is.EqualTo(TransferAttemptKeys.LookupLimit));
            var criterion = query.GetProperty("filterExpression").EnumerateArray().Single();
            Assert.That(criterion.GetProperty("@type").GetString(), Is.EqualTo("Criterion"));
            Assert.That(criterion.GetProperty("operandLeft").GetString(), Is.EqualTo("contractId"));
            Assert.That(criterion.GetProperty("operator").GetString(), Is.EqualTo("="));
            Assert.That(criterion.GetProperty("operandRight").GetString(), Is.EqualTo("agreement-1"));
        });
    }
}
