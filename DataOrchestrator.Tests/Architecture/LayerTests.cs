using System.Reflection;
using DataOrchestrator.Application.Orchestrations;
using DataOrchestrator.Domain.Orchestrations;
using DataOrchestrator.Infrastructure.Persistence;

namespace DataOrchestrator.Tests.Architecture;

/// <summary>References only point inward: Domain ← Application ← Infrastructure; Api wires them together.</summary>
public sealed class LayerTests
{
    private static readonly Assembly Domain = typeof(Orchestration).Assembly;
    private static readonly Assembly Application = typeof(IOrchestrationRepository).Assembly;
    private static readonly Assembly Infrastructure = typeof(InMemoryOrchestrationRepository).Assembly;
    private static readonly Assembly Api = typeof(Program).Assembly;

    private static string[] References(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("DataOrchestrator", StringComparison.Ordinal)).ToArray();

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
    public void ApiShouldWireApplicationAndInfrastructure() =>
        Assert.That(References(Api), Is.SupersetOf(new[] { "DataOrchestrator.Application", "DataOrchestrator.Infrastructure" }));
}
