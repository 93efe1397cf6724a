using System.Text.RegularExpressions;

namespace DataOrchestrator.Tests.Support.Conformance;

/// <summary>
/// A copy of the DPS OpenAPI documents that Prism can load offline. The originals (shared/dps) refer to their JSON
/// schemas by their published URLs (<c>https://w3id.org/dspace-sig/v1.0/…</c>, and those schemas to DSP's
/// <c>https://w3id.org/dspace/2025/1/…</c>); Prism downloads every such reference at start and fails without network.
/// The copy changes only those references, to the same files from shared/dps laid out under a scratch directory as
/// they are published; every path, message and schema stays as written.
/// </summary>
internal sealed partial class LocalDpsSpec : IDisposable
{
    private const string Published = "https://w3id.org/";

    private readonly DirectoryInfo _root;

    private LocalDpsSpec(DirectoryInfo root) => _root = root;

    /// <summary>The data plane's endpoints (<c>/dataflows/…</c>, <c>/controlplanes</c>).</summary>
    public string DataPlane => Path.Combine(_root.FullName, "signaling-data-plane-openapi.yaml");

    /// <summary>The control plane's endpoints (<c>/transfers/{id}/dataflow/…</c>).</summary>
    public string ControlPlane => Path.Combine(_root.FullName, "signaling-control-plane-openapi.yaml");

    public static LocalDpsSpec Create()
    {
        var shared = Path.Combine(RepositoryPaths.Root, "..", "shared", "dps");
        var root = Directory.CreateTempSubdirectory("do-dps-spec-");
        Copy(RepositoryPaths.DpsSchemas, Path.Combine(root.FullName, "dspace-sig", "v1.0"), root.FullName);
        Copy(Path.Combine(shared, "dsp-2025-1"), Path.Combine(root.FullName, "dspace", "2025", "1"), root.FullName);
        foreach (var document in new[] { "signaling-data-plane-openapi.yaml", "signaling-control-plane-openapi.yaml" })
        {
            Write(Path.Combine(shared, document), Path.Combine(root.FullName, document), root.FullName);
        }

        return new LocalDpsSpec(root);
    }

    public void Dispose() => _root.Delete(recursive: true);

    private static void Copy(string from, string to, string root)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.json", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            Write(file, target, root);
        }
    }

    private static void Write(string from, string to, string root)
    {
        var text = File.ReadAllText(from);
        var local = Reference().Replace(text, match => match.Groups["key"].Value + root.Replace('\\', '/') + "/");
        Assert.That(Reference().IsMatch(local), Is.False, $"a published reference is left in {to}");
        File.WriteAllText(to, local);
    }

    /// <summary>A <c>$ref</c> (JSON or YAML, quoted) to a published URL; only references are rewritten, never prose.</summary>
    [GeneratedRegex("""(?<key>\$ref"?\s*:\s*['"])https://w3id\.org/""")]
    private static partial Regex Reference();
}
