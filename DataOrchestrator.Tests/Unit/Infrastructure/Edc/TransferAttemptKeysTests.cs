using System.Text.Json;
using DataOrchestrator.Infrastructure.Edc;

namespace DataOrchestrator.Tests.Unit.Infrastructure.Edc;

/// <summary>
/// EDC never returns private properties, so the lookup asks EDC to match the key: the agreement and the key's
/// property path, in the form EDC's stores evaluate (a quoted IRI segment, as EDC's own store tests query them).
/// </summary>
public sealed class TransferAttemptKeysTests
{
    [TestCase(false, "https://w3id.org/edc/connector/management/v0.0.1")]
    [TestCase(true, "https://w3id.org/edc/connector/management/v2")]
    public void ShouldAskForTheTransferCarryingTheKey_InTheVersionsQuerySpec(bool v4, string context)
    {
        var query = JsonSerializer.SerializeToElement(TransferAttemptKeys.Lookup(v4, "agreement-1", "key-1"), EdcJsonContext.Default.TransferQueryDto);

        Assert.Multiple(() =>
        {
            Assert.That(query.GetProperty("@context")[0].GetString(), Is.EqualTo(context));
            Assert.That(query.GetProperty("@type").GetString(), Is.EqualTo("QuerySpec"));
            Assert.That(query.GetProperty("sortField").GetString(), Is.EqualTo("createdAt"));
            Assert.That(query.GetProperty("sortOrder").GetString(), Is.EqualTo("DESC"));
            var criteria = query.GetProperty("filterExpression").EnumerateArray()
                .Select(c => (Type: c.GetProperty("@type").GetString(), Left: c.GetProperty("operandLeft").GetString(), Op: c.GetProperty("operator").GetString(), Right: c.GetProperty("operandRight").GetString()))
                .ToArray();
            Assert.That(criteria, Is.EqualTo(new[]
            {
                ("Criterion", "contractId", "=", "agreement-1"),
                ("Criterion", "privateProperties.'https://w3id.org/edc/v0.0.1/ns/dataOrchestratorAttempt'", "=", "key-1"),
            }));
        });
    }

    [Test]
    public void ShouldWriteTheKeyUnderItsFullIri_SoNoContextDecidesItsExpansion()
    {
        Assert.That(TransferAttemptKeys.PrivateProperties("key-1"), Is.EqualTo(new Dictionary<string, string>
        {
            ["https://w3id.org/edc/v0.0.1/ns/dataOrchestratorAttempt"] = "key-1",
        }));
    }
}
