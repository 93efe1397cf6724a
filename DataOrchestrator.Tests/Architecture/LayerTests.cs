using System.Reflection;
using System.Xml.Linq;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Architecture;

/// <summary>References only point inward: Domain ← Application ← Infrastructure; Api wires them together.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Orchestration).Assembly;
    private static readonly Assembly Application = typeof(IOrchestrationRepository).Assembly;
    private static readonly Assembly Infrastructure = typeof(InMemoryOrchestrationRepository).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    /// <summary>
    /// Everything Infrastructure may reference, by whole name segments (<c>Polly</c> covers <c>Polly.Core</c>, not
    /// <c>PollyX</c>). ASP.NET Core is not here: it is the Api's. A new package is a deliberate change of this list
    /// (Duende.IdentityModel: the client credentials tokens of DATAPLANE_AUTH=oauth2's callbacks).
    /// </summary>
    private static readonly string[] InfrastructureMayReference =
    [
        "DataOrchestrator.Application", "DataOrchestrator.Domain", "System", "Microsoft.Extensions", "Npgsql", "Polly", "Refit", "Duende.IdentityModel",
    ];

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DataOrchestrator", StringComparison.Ordinal)).ToArray();

    private static string[] AllReferences(Assembly assembly) => assembly.GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    private static bool IsUnder(string name, string prefix) =>
        name == prefix || name.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static bool InfrastructureMay(string name) => InfrastructureMayReference.Any(prefix => IsUnder(name, prefix));

    [Test]
    public void ShouldHaveTypesInEveryLayer_SoTheRulesCannotPassVacuously()
    {
        foreach (var assembly in new[] { Domain, Application, Infrastructure, Api })
        {
            Assert.That(assembly.GetTypes().Count(t => t.Namespace?.StartsWith("DataOrchestrator", StringComparison.Ordinal) == true), Is.GreaterThan(3), assembly.GetName().Name);
        }
    }

    [Test]
    public void DomainShouldReferenceNoOtherLayerAndNoPackage()
    {
        Assert.That(References(Domain), Is.Empty);
        var external = Domain.GetReferencedAssemblies().Select(a => a.Name!).Where(n => !n.StartsWith("System", StringComparison.Ordinal) && n != "netstandard");
        Assert.That(external, Is.Empty);
    }

    [Test]
    public void ApplicationShouldReferenceOnlyDomain()
    {
        Assert.That(References(Application), Is.EqualTo(new[] { "DataOrchestrator.Domain" }));
        var forbidden = new[] { "Refit", "Npgsql", "Microsoft.AspNetCore", "System.Net.Http" };
        Assert.That(Application.GetReferencedAssemblies().Select(a => a.Name!), Has.None.Matches<string>(n => forbidden.Any(f => n.StartsWith(f, StringComparison.Ordinal))));
    }

    [Test]
    public void InfrastructureShouldReferenceApplicationAndDomainOnly() =>
        Assert.That(References(Infrastructure), Is.SubsetOf(new[] { "DataOrchestrator.Application", "DataOrchestrator.Domain" }).And.Contains("DataOrchestrator.Application"));

    [Test]
    public void InfrastructureShouldReferenceOnlyTheAllowedAssemblies_AndNoAspNetCore()
    {
        var references = AllReferences(Infrastructure);

        Assert.Multiple(() =>
        {
            Assert.That(references, Has.None.Matches<string>(n => IsUnder(n, "Microsoft.AspNetCore")), "ASP.NET Core is the Api's");
            Assert.That(references.Where(n => !InfrastructureMay(n)), Is.Empty, "references outside the allow-list");

            // Not vacuous: the references read are the real ones, and every entry of the list is still in use.
            Assert.That(references, Is.SupersetOf(new[] { "Microsoft.Extensions.Diagnostics.HealthChecks", "Microsoft.Extensions.Http", "Npgsql", "Polly.Core", "Refit" }));
            Assert.That(InfrastructureMayReference.Where(prefix => !references.Any(n => IsUnder(n, prefix))), Is.Empty, "allow-list entries nothing uses");
        });
    }

    [TestCase("Microsoft.AspNetCore.Http", false)]
    [TestCase("Microsoft.AspNetCore.Diagnostics.HealthChecks", false)]
    [TestCase("Microsoft.Extensions", true)]
    [TestCase("Microsoft.Extensions.Http", true)]
    [TestCase("Newtonsoft.Json", false)]
    [TestCase("NpgsqlX", false)]
    [TestCase("Polly.Core", true)]
    [TestCase("SystemX", false)]
    public void InfrastructureAllowListShouldMatchWholeNameSegments(string name, bool allowed) =>
        Assert.That(InfrastructureMay(name), Is.EqualTo(allowed));

    /// <summary>Also pins the project file: a framework reference would make ASP.NET Core a runtime requirement of Infrastructure.</summary>
    [Test]
    public void InfrastructureShouldNotReferenceTheAspNetCoreFramework()
    {
        var project = XDocument.Load(Path.Combine(RepositoryPaths.Root, "DataOrchestrator.Infrastructure", "DataOrchestrator.Infrastructure.csproj"));

        Assert.Multiple(() =>
        {
            Assert.That(project.Descendants("PackageReference").Select(e => e.Attribute("Include")?.Value), Does.Contain("Microsoft.Extensions.Diagnostics.HealthChecks"), "the project file read is the real one");
            Assert.That(project.Descendants("FrameworkReference").Select(e => e.Attribute("Include")?.Value), Is.Empty);
        });
    }

    [Test]
    public void ApiShouldWireApplicationAndInfrastructure() =>
        Assert.That(References(Api), Is.SupersetOf(new[] { "DataOrchestrator.Application", "DataOrchestrator.Infrastructure" }));

    /// <summary>Ports are implemented in Infrastructure; the Api only maps HTTP onto Application services.</summary>
    [Test]
    public void ApiShouldImplementNoApplicationPort()
    {
        static string[] PortImplementations(Assembly assembly) =>
            assembly.GetTypes()
                .Where(t => t.GetInterfaces().Any(i => i.Assembly == Application))
                .Select(t => t.FullName!)
                .ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(PortImplementations(Api), Is.Empty);
            Assert.That(PortImplementations(Infrastructure), Does.Contain("DataOrchestrator.Infrastructure.Callbacks.StatusEntrySerializer"), "the rule finds implementations where they are");
        });
    }
}
