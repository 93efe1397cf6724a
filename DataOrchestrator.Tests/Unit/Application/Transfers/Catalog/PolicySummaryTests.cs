using DataOrchestrator.Application.Transfers.Catalog.Policies;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

public sealed class PolicySummaryTests
{
    private const string Policy = """
        {"odrl:permission": {"odrl:action": {"@id": "odrl:use"}, "odrl:constraint": {"odrl:and": [
          {"odrl:leftOperand": {"@id": "odrl:purpose"}, "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": "x"},
          {"odrl:leftOperand": {"@id": "cxp:Membership"}, "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": "active"}]}},
         "odrl:obligation": {"odrl:action": "odrl:delete", "odrl:constraint": {"odrl:leftOperand": "dateTime", "odrl:operator": "lteq", "odrl:rightOperand": ["2030", "2031"]}}}
        """;

    [Test]
    public void ShouldSummarizeTheRulesReadably_WithShortNames()
    {
        var summary = PolicySummary.Summarize(PolicyJson.Parse(Policy), context: PolicyJson.Parse("""{"cxp": "https://w3id.org/catenax/policy/"}"""));

        Assert.That(summary, Is.EqualTo("permission use [purpose eq 'x' and Membership eq 'active']; obligation delete [dateTime lteq ('2030', '2031')]"));
    }

    [Test]
    public void ShouldCutALongSummary_EndingWithAnEllipsis()
    {
        var summary = PolicySummary.Summarize(PolicyJson.Parse(Policy), maxLength: 30);

        Assert.That(summary, Is.EqualTo("permission use [purpose eq 'x…").And.Length.EqualTo(30));
    }

    [Test]
    public void ShouldSayWhenThereAreNoRules_OrNoPolicy()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PolicySummary.Summarize(PolicyJson.Parse("""{"@id": "p", "odrl:permission": []}""")), Is.EqualTo("no rules"));
            Assert.That(PolicySummary.Summarize(PolicyJson.Parse("\"use\"")), Is.EqualTo("not a policy object"));
            Assert.That(() => PolicySummary.Summarize(PolicyJson.Parse(Policy), maxLength: 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
