using System.Reflection;
using DataOrchestrator.Application.Observability;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Docs;

/// <summary>
/// Every <see cref="PipelineStage"/> (the <c>stage</c> tag of the step durations, and the name of the step's span) is
/// named, as code, in docs/operations/metrics.md and docs/operations/tracing.md, so a new stage cannot ship undocumented.
/// </summary>
public sealed class StageDocsTests
{
    private static readonly string[] Stages = typeof(PipelineStage).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral)
        .Select(field => (string)field.GetRawConstantValue()!)
        .ToArray();

    [Test]
    public void ShouldKnowTheStages() =>
        Assert.That(Stages, Does.Contain(PipelineStage.ReuseEdr).And.Contain(PipelineStage.Download).And.Unique);

    [TestCase("metrics.md")]
    [TestCase("tracing.md")]
    public void ShouldNameEveryStage(string page)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "operations", page));
        Assert.That(Stages.Where(stage => !text.Contains($"`{stage}`", StringComparison.Ordinal)), Is.Empty, $"stages missing from docs/operations/{page}");
    }
}
