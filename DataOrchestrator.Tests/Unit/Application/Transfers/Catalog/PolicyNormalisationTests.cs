using DataOrchestrator.Application.Transfers.Catalog.Policies;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>An offer is accepted when it says what an accepted policy says, whatever JSON-LD shape either is written in.</summary>
public sealed class PolicyNormalisationTests
{
    private const string Accepted = """
        {"permission": [{"action": "use", "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}]}
        """;

    private static readonly PolicyAllowList AllowList = PolicyJson.Global(Accepted);

    private static bool Accepts(string offer, string? context = null) =>
        AllowList.Accepts("did:web:provider", PolicyJson.Parse(offer), context: context is null ? null : PolicyJson.Parse(context));

    [Test]
    public void ShouldAccept_WhenTheOfferIsTheAcceptedPolicyItself() => Assert.That(Accepts(Accepted), Is.True);

    [TestCase("""
        {"odrl:permission": {"odrl:action": {"@id": "odrl:use"}, "odrl:constraint": {"odrl:and": [
          {"odrl:leftOperand": {"@id": "cx-policy:UsagePurpose"}, "odrl:operator": {"@id": "odrl:isAnyOf"}, "odrl:rightOperand": ["b", "a"]},
          {"odrl:leftOperand": {"@id": "cx-policy:Membership"}, "odrl:operator": {"@id": "odrl:eq"}, "odrl:rightOperand": "active"}]}},
         "odrl:prohibition": [], "odrl:obligation": []}
        """, TestName = "ShouldAccept_WhenTheOfferUsesPrefixesIdObjectsAndAnd_InAnotherOrder")]
    [TestCase("""
        {"http://www.w3.org/ns/odrl/2/permission": [{"http://www.w3.org/ns/odrl/2/action": [{"@id": "http://www.w3.org/ns/odrl/2/use"}],
          "http://www.w3.org/ns/odrl/2/constraint": [
            {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "https://w3id.org/catenax/policy/Membership"}],
             "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/eq"}],
             "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "active"}]},
            {"http://www.w3.org/ns/odrl/2/leftOperand": [{"@id": "https://w3id.org/catenax/policy/UsagePurpose"}],
             "http://www.w3.org/ns/odrl/2/operator": [{"@id": "http://www.w3.org/ns/odrl/2/isAnyOf"}],
             "http://www.w3.org/ns/odrl/2/rightOperand": [{"@value": "a"}, {"@value": "b"}]}]}]}
        """, TestName = "ShouldAccept_WhenTheOfferIsExpandedJsonLd")]
    [TestCase("""
        {"@id": "agreement-1", "@type": "odrl:Agreement", "uid": "u-1", "profile": "p", "odrl:target": {"@id": "asset-1"},
         "odrl:assigner": {"@id": "did:web:provider"}, "odrl:assignee": {"@id": "did:web:consumer"},
         "permission": {"@type": "odrl:Permission", "target": "asset-1", "assigner": "did:web:provider", "assignee": "did:web:consumer",
           "action": {"odrl:type": "use"}, "constraint": [
             {"@type": "odrl:Constraint", "leftOperand": "https://w3id.org/catenax/policy/UsagePurpose", "operator": "odrl:isAnyOf", "rightOperand": ["a", "b"]},
             {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": {"@value": "active", "@type": "xsd:string"}}]}}
        """, TestName = "ShouldAccept_WhenAnAgreementAddsIdsTargetsAndParties_AndWritesTheActionAsType")]
    [TestCase("""
        {"@context": {"cxp": "https://w3id.org/catenax/policy/", "member": "cxp:Membership"},
         "permission": [{"action": "http://www.w3.org/ns/odrl/2/use", "constraint": {"and": [
           {"leftOperand": "member", "operator": "eq", "rightOperand": ["active"]},
           {"and": [{"leftOperand": "cxp:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b", "a"]}]}]}}]}
        """, TestName = "ShouldAccept_WhenThePoliciesOwnContextDefinesThePrefixes_AndAndsAreNested")]
    public void ShouldAcceptEquivalentShapes(string offer) => Assert.That(Accepts(offer), Is.True);

    [Test]
    public void ShouldResolvePrefixesOfTheCatalogsContext_WhenGiven()
    {
        const string offer = """
            {"tx-cx:unused": null, "permission": {"action": "use", "constraint": [
              {"leftOperand": "pol:Membership", "operator": "eq", "rightOperand": "active"},
              {"leftOperand": "pol:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}
            """;
        var withoutUnknownKey = offer.Replace("\"tx-cx:unused\": null, ", "", StringComparison.Ordinal);

        Assert.Multiple(() =>
        {
            Assert.That(Accepts(withoutUnknownKey, """["https://w3id.org/edc/connector/management/v0.0.1", {"pol": "https://w3id.org/catenax/policy/"}]"""), Is.True);
            Assert.That(Accepts(withoutUnknownKey), Is.False, "pol: is no known prefix without the catalog's context");
            Assert.That(Accepts(offer, """{"pol": "https://w3id.org/catenax/policy/"}"""), Is.False, "an unknown key is never skipped");
        });
    }

    [TestCase("""{"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "inactive"}""", TestName = "ShouldRefuse_WhenARightOperandDiffers")]
    [TestCase("""{"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active "}""", TestName = "ShouldRefuse_WhenARightOperandDiffersInWhitespace")]
    [TestCase("""{"leftOperand": "cx-policy:Membership", "operator": "neq", "rightOperand": "active"}""", TestName = "ShouldRefuse_WhenAnOperatorDiffers")]
    [TestCase("""{"leftOperand": "Membership", "operator": "eq", "rightOperand": "active"}""", TestName = "ShouldRefuse_WhenALeftOperandIsABareNameOutsideOdrl")]
    [TestCase("""{"leftOperand": "edc:Membership", "operator": "eq", "rightOperand": "active"}""", TestName = "ShouldRefuse_WhenALeftOperandIsInAnotherNamespace")]
    public void ShouldRefuseADifferentConstraint(string membership)
    {
        var offer = $$$"""
            {"permission": {"action": "use", "constraint": [{{{membership}}},
              {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}
            """;

        Assert.That(Accepts(offer), Is.False);
    }

    [TestCase("""{"permission": {"action": "use", "constraint": {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"}}}""",
        TestName = "ShouldRefuse_WhenAConstraintIsMissing")]
    [TestCase("""
        {"permission": {"action": "use", "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a"]}]}}
        """, TestName = "ShouldRefuse_WhenARightOperandHasOneValueLess")]
    [TestCase("""
        {"permission": {"action": "use", "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]},
          {"leftOperand": "cx-policy:FrameworkAgreement", "operator": "eq", "rightOperand": "DataExchangeGovernance:1.0"}]}}
        """, TestName = "ShouldRefuse_WhenTheOfferHasAConstraintMore")]
    [TestCase("""
        {"permission": {"action": "use", "constraint": {"or": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}}
        """, TestName = "ShouldRefuse_WhenOrStandsForAnd")]
    [TestCase("""
        {"permission": {"action": "read", "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}
        """, TestName = "ShouldRefuse_WhenTheActionDiffers")]
    [TestCase("""
        {"permission": {"action": "use", "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]},
         "prohibition": {"action": "distribute"}}
        """, TestName = "ShouldRefuse_WhenTheOfferAddsAProhibition")]
    [TestCase("""
        {"permission": {"action": "use", "odrl:duty": {"action": "delete"}, "constraint": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}
        """, TestName = "ShouldRefuse_WhenTheOfferAddsADuty")]
    [TestCase("""
        {"permission": {"action": "use", "constraints": [
          {"leftOperand": "cx-policy:Membership", "operator": "eq", "rightOperand": "active"},
          {"leftOperand": "cx-policy:UsagePurpose", "operator": "isAnyOf", "rightOperand": ["a", "b"]}]}}
        """, TestName = "ShouldRefuse_WhenTheOfferHasAKeyThatIsNotUnderstood")]
    [TestCase("""["not", "a", "policy"]""", TestName = "ShouldRefuse_WhenTheOfferIsNoObject")]
    public void ShouldRefuse(string offer) => Assert.That(Accepts(offer), Is.False);

    [Test]
    public void ShouldCompareOrAsASet_XoneAsAnotherOperator_AndAndSequenceInOrder()
    {
        static string Logical(string op, string first, string second) => $$$"""
            {"permission": {"action": "use", "constraint": {"{{{op}}}": [
              {"leftOperand": "cx-policy:UsagePurpose", "operator": "eq", "rightOperand": "{{{first}}}"},
              {"leftOperand": "cx-policy:UsagePurpose", "operator": "eq", "rightOperand": "{{{second}}}"}]} }}
            """;
        var allowList = PolicyJson.Global(Logical("or", "x", "y"), Logical("andSequence", "x", "y"));

        Assert.Multiple(() =>
        {
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Logical("odrl:or", "y", "x"))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Logical("xone", "x", "y"))), Is.False);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Logical("andSequence", "x", "y"))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Logical("andSequence", "y", "x"))), Is.False);
        });
    }

    [Test]
    public void ShouldCompareNumbersAndBooleansByTheirText()
    {
        static string Count(string value) =>
            """{"permission": {"action": "use", "constraint": {"leftOperand": "count", "operator": "lteq", "rightOperand": """ + value + "}}}";
        var allowList = PolicyJson.Global(Count("\"1\""), Count("true"));

        Assert.Multiple(() =>
        {
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Count("1"))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Count("""{"@value": 1, "@type": "xsd:integer"}"""))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Count("\"true\""))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(Count("1.0"))), Is.False);
        });
    }

    [Test]
    public void ShouldCompareDutiesAndRefinementsToo()
    {
        const string accepted = """
            {"permission": {"action": {"rdf:value": {"@id": "odrl:use"}, "refinement": {"leftOperand": "purpose", "operator": "eq", "rightOperand": "r"}},
              "duty": {"action": "delete", "constraint": {"leftOperand": "dateTime", "operator": "lteq", "rightOperand": "2027-12-31"}}}}
            """;
        var allowList = PolicyJson.Global(accepted);

        Assert.Multiple(() =>
        {
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(accepted.Replace("odrl:use", "http://www.w3.org/ns/odrl/2/use", StringComparison.Ordinal))), Is.True);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(accepted.Replace("2027-12-31", "2030-12-31", StringComparison.Ordinal))), Is.False);
            Assert.That(allowList.Accepts(null, PolicyJson.Parse(accepted.Replace("\"r\"", "\"s\"", StringComparison.Ordinal))), Is.False);
        });
    }
}
