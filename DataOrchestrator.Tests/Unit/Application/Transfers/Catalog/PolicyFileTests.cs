using DataOrchestrator.Application.Transfers.Catalog.Policies;

namespace DataOrchestrator.Tests.Unit.Application.Transfers.Catalog;

/// <summary>A bad accepted-policies file is refused with a message that names the file and what is wrong in it.</summary>
public sealed class PolicyFileTests
{
    [TestCase("{\n  \"policies\": [}", "'p.json' is not valid JSON (line 2, byte 16): '}' is an invalid start of a value", TestName = "ShouldRefuse_WhenTheFileIsNotJson")]
    [TestCase("[]", "'p.json' is not a valid accepted-policies file: the top level must be an object with \"policies\" and/or \"providers\", not an array", TestName = "ShouldRefuse_WhenTheTopLevelIsAnArray")]
    [TestCase("""{"policy": []}""", "unknown top-level key 'policy' (allowed: \"policies\", \"providers\", \"@context\")", TestName = "ShouldRefuse_WhenATopLevelKeyIsUnknown")]
    [TestCase("""{"policies": {"permission": {"action": "use"}}}""", "policies must be an array of ODRL policy objects, not an object", TestName = "ShouldRefuse_WhenPoliciesIsNoArray")]
    [TestCase("""{"policies": ["use"]}""", "policies[0] must be an ODRL policy object, not a string", TestName = "ShouldRefuse_WhenAPolicyIsNoObject")]
    [TestCase("""{"policies": [{"@id": "p-1"}]}""", "policies[0] has no rules (permission, prohibition or obligation)", TestName = "ShouldRefuse_WhenAPolicyHasNoRules")]
    [TestCase("""{"policies": [{"permission": {"constraint": []}}]}""", "policies[0].permission[0] has no action", TestName = "ShouldRefuse_WhenARuleHasNoAction")]
    [TestCase("""{"policies": [{"permission": {"action": "use", "constraints": []}}]}""", "policies[0].permission[0] has the unknown key 'constraints'", TestName = "ShouldRefuse_WhenARuleHasAnUnknownKey")]
    [TestCase("""{"providers": {"did:web:p": [{"permission": {"action": "use", "constraint": [{"leftOperand": "purpose", "operator": "eq"}]}}]}}""",
        "providers['did:web:p'][0].permission[0].constraint[0] has no rightOperand", TestName = "ShouldRefuse_WhenAConstraintHasNoRightOperand")]
    [TestCase("""{"policies": [{"permission": {"action": "use", "constraint": {"or": []}}}]}""", "policies[0].permission[0].constraint[0].or has no constraints", TestName = "ShouldRefuse_WhenALogicalConstraintIsEmpty")]
    [TestCase("""{"providers": [{"did:web:p": []}]}""", "\"providers\" must be an object mapping a provider's counterPartyId to an array of policies, not an array", TestName = "ShouldRefuse_WhenProvidersIsNoObject")]
    [TestCase("""{"providers": {"did:web:p": {"permission": {"action": "use"}}}}""", "providers['did:web:p'] must be an array of ODRL policy objects, not an object", TestName = "ShouldRefuse_WhenAProvidersPoliciesAreNoArray")]
    [TestCase("""{"providers": {" did:web:p": []}}""", "a counterPartyId must be non-empty, without leading or trailing spaces", TestName = "ShouldRefuse_WhenAProviderIdHasSpaces")]
    public void ShouldRefuseABadFile_WithAMessageSayingWhatIsWrong(string json, string message)
    {
        var exception = Assert.Throws<PolicyFileException>(() => PolicyAllowList.Parse(json, "p.json"));

        Assert.That(exception.Message, Does.StartWith("'p.json' ").And.Contain(message));
    }

    [Test]
    public void ShouldAcceptCommentsAndTrailingCommas()
    {
        var list = PolicyAllowList.Parse("""
            {
              // unconstrained use, from every provider
              "policies": [{"permission": [{"action": "use"},]},],
            }
            """, "p.json");

        Assert.That(list.Accepts("did:web:p", PolicyJson.Parse("""{"permission": {"action": "odrl:use"}}""")), Is.True);
    }

    [Test]
    public void ShouldRefuseToLoad_WhenTheFileDoesNotExist()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-policies-{Guid.NewGuid():N}.json");

        var exception = Assert.Throws<PolicyFileException>(() => PolicyAllowList.Load(path));

        Assert.That(exception.Message, Does.StartWith($"'{path}' cannot be read: "));
    }
}
