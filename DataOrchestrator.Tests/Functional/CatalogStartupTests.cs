using DataOrchestrator.Tests.Support.Hosting;

namespace DataOrchestrator.Tests.Functional;

/// <summary>The built service refuses to start on an invalid <c>ACCEPTED_POLICIES_FILE</c>, saying which file and what is wrong.</summary>
public sealed class CatalogStartupTests
{
    [Test]
    [CancelAfter(60_000)]
    public async Task ShouldRefuseToStart_WithTheReason_WhenTheAcceptedPoliciesFileIsInvalid(CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"accepted-policies-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, """{"policies": [{"permission": {"action": "use", "constraint": {"leftOperand": "purpose", "operator": "eq"}}}]}""", cancellationToken);
        try
        {
            var (exitCode, output) = await ApiProcess.RunAsync(new Dictionary<string, string?> { ["ACCEPTED_POLICIES_FILE"] = path }, dotEnv: null, cancellationToken);

            Assert.Multiple(() =>
            {
                Assert.That(exitCode, Is.EqualTo(1));
                Assert.That(output, Does.Contain($"Invalid configuration: Catalog:AcceptedPoliciesFile (ACCEPTED_POLICIES_FILE): '{path}' is not a valid accepted-policies file"));
                Assert.That(output, Does.Contain("policies[0].permission[0].constraint[0] has no rightOperand"));
                Assert.That(output, Does.Not.Contain("Application started"));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }
}
