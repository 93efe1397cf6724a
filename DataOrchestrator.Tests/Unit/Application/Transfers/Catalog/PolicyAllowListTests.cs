using DataOrchestrator.Application.Transfers.Catalog.Policies;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>Which policies apply to which provider, the item's own policy, the default without a file, and what Describe says.</summary>
public sealed class PolicyAllowListTests
{
    private const string Unconstrained = """{"permission": [{"action": "use"}]}""";
    private const string MemberOnly = """{"permission": {"action": "use", "constraint": {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"}}}""";
    private const string PurposeX = """{"permission": {"action": "use", "constraint": {"leftOperand": "cx-policy:UsagePurpose", "operator": "eq", "rightOperand": "x"}}}""";

    private static readonly PolicyAllowList PerProvider = PolicyAllowList.Parse(
        $$$"""{"policies": [{{{MemberOnly}}}], "providers": {"did:web:a": [{{{PurposeX}}}, {{{Unconstrained}}}], "did:web:b": []}}""", "/etc/accepted.json");

    private static string ExampleFile => Path.Combine(RepositoryPaths.Root, "docs", "examples", "accepted-policies.json");

    [Test]
    public void ShouldApplyAProvidersPolicies_OnlyToThatCounterParty()
    {
        var purposeX = PolicyJson.Parse(PurposeX);

        Assert.Multiple(() =>
        {
            Assert.That(PerProvider.Accepts("did:web:a", purposeX), Is.True);
            Assert.That(PerProvider.Accepts("did:web:b", purposeX), Is.False);
            Assert.That(PerProvider.Accepts("did:web:A", purposeX), Is.False, "counterPartyIds compare exactly");
            Assert.That(PerProvider.Accepts(null, purposeX), Is.False);
        });
    }

    [Test]
    public void ShouldApplyGlobalPolicies_ToEveryCounterParty()
    {
        var member = PolicyJson.Parse(MemberOnly);

        Assert.Multiple(() =>
        {
            Assert.That(PerProvider.Accepts("did:web:a", member), Is.True);
            Assert.That(PerProvider.Accepts("did:web:unknown", member), Is.True);
            Assert.That(PerProvider.Accepts(null, member), Is.True);
        });
    }

    [Test]
    public void ShouldAcceptAnAcceptedOffer_OnlyWhenItAlsoEqualsTheItemsPolicy()
    {
        var member = PolicyJson.Parse(MemberOnly);
        var sameInAnotherShape = PolicyJson.Parse("""
            {"@context": {"odrl": "http://www.w3.org/ns/odrl/2/"}, "odrl:permission": [{"odrl:action": {"@id": "odrl:use"},
              "odrl:constraint": [{"odrl:leftOperand": {"@id": "https://w3id.org/catenax/policy/Membership"}, "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": "active"}]}]}
            """);

        Assert.Multiple(() =>
        {
            Assert.That(PerProvider.Accepts("did:web:a", member, itemPolicy: sameInAnotherShape), Is.True);
            Assert.That(PerProvider.Accepts("did:web:a", member, itemPolicy: PolicyJson.Parse(PurposeX)), Is.False, "the item asked for another accepted policy");
            Assert.That(PerProvider.Accepts("did:web:a", PolicyJson.Parse(PurposeX), itemPolicy: PolicyJson.Parse(PurposeX)), Is.True);
            Assert.That(PerProvider.Accepts("did:web:b", PolicyJson.Parse(PurposeX), itemPolicy: PolicyJson.Parse(PurposeX)), Is.False, "an item's policy never widens the list");
        });
    }

    [Test]
    public void ShouldAcceptOnlyPoliciesWithoutConstraints_WhenNoFileIsSet()
    {
        var list = PolicyAllowList.Default;

        Assert.Multiple(() =>
        {
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse(Unconstrained)), Is.True);
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse("""{"@type": "odrl:Offer", "odrl:permission": {"odrl:action": {"@id": "odrl:use"}}, "odrl:prohibition": [], "odrl:obligation": []}""")), Is.True);
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse("""{"permission": {"action": "use"}, "prohibition": {"action": "distribute"}}""")), Is.True);
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse(MemberOnly)), Is.False);
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse("""{"permission": {"action": "use", "duty": {"action": "delete", "constraint": {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2030"}}}}""")), Is.False, "a duty's constraint counts");
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse("""{"obligation": {"action": "delete", "constraint": {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2030"}}}""")), Is.False);
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse("""{"permission": {"action": {"rdf:value": "use", "refinement": {"leftOperand": "purpose", "operator": "eq", "rightOperand": "x"}}}}""")), Is.False, "a refinement is a constraint");
            Assert.That(list.Accepts("did:web:a", PolicyJson.Parse(Unconstrained), itemPolicy: PolicyJson.Parse(MemberOnly)), Is.False);
        });
    }

    [Test]
    public void ShouldAcceptNothing_WhenTheFileIsEmpty()
    {
        var lists = new[] { PolicyAllowList.Parse("", "empty.json"), PolicyAllowList.Parse("{}", "empty.json"), PolicyAllowList.Parse("""{"policies": [], "providers": {}}""", "empty.json") };

        Assert.Multiple(() =>
        {
            foreach (var list in lists)
            {
                Assert.That(list.Accepts("did:web:a", PolicyJson.Parse(Unconstrained)), Is.False);
                Assert.That(list.Describe("did:web:a"), Is.EqualTo("nothing is accepted from did:web:a: empty.json lists no policy for it (0 global, 0 for did:web:a)"));
                Assert.That(list.Describe(null), Is.EqualTo("nothing is accepted: empty.json lists no policies"));
            }
        });
    }

    [Test]
    public void ShouldDescribeWhatIsAccepted()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PolicyAllowList.Default.Describe("did:web:a"), Is.EqualTo("ACCEPTED_POLICIES_FILE is not set: only offers without constraints are accepted"));
            Assert.That(PerProvider.Describe("did:web:a"), Is.EqualTo("accepted: 3 policies from /etc/accepted.json (1 global, 2 for did:web:a)"));
            Assert.That(PerProvider.Describe("did:web:b"), Is.EqualTo("accepted: 1 policy from /etc/accepted.json (1 global, 0 for did:web:b)"));
            Assert.That(PerProvider.Describe(null), Is.EqualTo("accepted: 1 policy from /etc/accepted.json for every provider, and 2 more for 2 specific providers"));
        });
    }

    [Test]
    public void ShouldLoadTheDocumentedExampleFile_AcceptingItsExampleOffer_AndRefusingAnotherPurpose()
    {
        const string offer = """
            {
              "@id": "offer-1", "@type": "odrl:Offer",
              "odrl:permission": {
                "odrl:action": { "@id": "odrl:use" },
                "odrl:constraint": {
                  "odrl:and": [
                    { "odrl:leftOperand": { "@id": "cx-policy:UsagePurpose" }, "odrl:operator": { "@id": "odrl:isAnyOf" }, "odrl:rightOperand": "cx.core.industrycore:1" },
                    { "odrl:leftOperand": { "@id": "https://w3id.org/catenax/policy/FrameworkAgreement" }, "odrl:operator": { "@id": "odrl:eq" }, "odrl:rightOperand": "DataExchangeGovernance:1.0" }
                  ]
                }
              },
              "odrl:prohibition": [],
              "odrl:obligation": []
            }
            """;
        const string catalogContext = """{"@vocab": "https://w3id.org/edc/v0.0.1/ns/", "odrl": "http://www.w3.org/ns/odrl/2/", "cx-policy": "https://w3id.org/catenax/policy/"}""";

        var list = PolicyAllowList.Load(ExampleFile);

        Assert.Multiple(() =>
        {
            Assert.That(list.Accepts("did:web:any", PolicyJson.Parse(offer), context: PolicyJson.Parse(catalogContext)), Is.True);
            Assert.That(list.Accepts("did:web:any", PolicyJson.Parse(offer.Replace("cx.core.industrycore:1", "cx.pcf.base:1", StringComparison.Ordinal))), Is.False);
            Assert.That(list.Describe("did:web:provider.example.com"), Is.EqualTo($"accepted: 2 policies from {ExampleFile} (1 global, 1 for did:web:provider.example.com)"));
        });
    }
}
