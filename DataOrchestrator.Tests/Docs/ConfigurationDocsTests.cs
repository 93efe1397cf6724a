using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using DataOrchestrator.Api.Configuration;
using DataOrchestrator.Application.Transfers;
using DataOrchestrator.Infrastructure.Storage;
using DataOrchestrator.Tests.Support;

namespace DataOrchestrator.Tests.Docs;

/// <summary>
/// docs/configuration.md names every setting the options classes bind, so a new option cannot ship undocumented.
/// An options class is any type of the Api, Application or Infrastructure assembly with a
/// <c>public const string SectionName</c>; each of its public settable properties is the setting
/// <c>Section:Property</c>. A setting counts as documented when the page names its configuration key
/// (<c>Section:Property</c> or the environment form <c>Section__Property</c>) or an environment variable that
/// <see cref="EnvironmentAliases"/> maps to it (<c>EDC_API_KEY</c> for <c>Edc:ApiKey</c>).
/// Nested settings: a property whose type is a class is walked into (<c>Section:Property:Sub</c>); a collection of
/// classes (the connector profiles, <c>Edc:Connectors</c>) is walked into through an index segment, documented
/// with any index token (<c>Edc:Connectors:&lt;n&gt;:ApiKey</c>, <c>Edc__Connectors__0__ApiKey</c>), so a new
/// profile property needs its own row too. A collection of plain values is one setting, documented by its key.
/// </summary>
public sealed class ConfigurationDocsTests
{
    private const string IndexSegment = "<index>";

    private static readonly Assembly[] Layers =
    [
        typeof(Program).Assembly,
        typeof(TransferOptions).Assembly,
        typeof(StorageOptions).Assembly,
    ];

    [Test]
    public void ShouldDocumentEverySetting_WhenAnOptionsClassBindsIt()
    {
        var documentation = File.ReadAllText(RepositoryPaths.ConfigurationDocs);
        var settings = BoundSettings();

        var undocumented = settings.Where(setting => !IsDocumented(documentation, setting)).Select(setting => string.Join(':', setting));

        Assert.That(
            undocumented,
            Is.Empty,
            "settings bound by an options class but missing from docs/configuration.md (name the key Section:Property, or its environment variable)");
    }

    [Test]
    public void ShouldFindTheOptionsClassesOfEveryLayer_SoTheDocumentationRuleCannotPassVacuously()
    {
        var sections = BoundSettings().Select(setting => setting[0]).Distinct().ToList();

        // One section per layer that owns options: Api (Auth), Application (Edc), Infrastructure (Storage).
        Assert.That(sections, Is.SupersetOf(new[] { "Auth", "Edc", "Storage" }));
        Assert.That(BoundSettings().Select(setting => string.Join(':', setting)), Does.Contain($"Edc:Connectors:{IndexSegment}:AddressPrefix"));
    }

    [Test]
    public void ShouldMapEveryEnvironmentVariable_ToASettingAnOptionsClassBinds()
    {
        var keys = BoundSettings().Select(setting => string.Join(':', setting)).ToHashSet(StringComparer.Ordinal);

        Assert.That(EnvironmentAliases.Map.Where(alias => !keys.Contains(alias.Value)).Select(alias => alias.Key), Is.Empty);
    }

    private static bool IsDocumented(string documentation, IReadOnlyList<string> setting)
    {
        var key = string.Join(
            "(?::|__)",
            setting.Select(segment => segment == IndexSegment ? "[A-Za-z0-9<>]+" : Regex.Escape(segment)));
        if (Regex.IsMatch(documentation, $"(?<![A-Za-z0-9_:]){key}(?![A-Za-z0-9])"))
        {
            return true;
        }

        var joined = string.Join(':', setting);
        return EnvironmentAliases.Map
            .Where(alias => alias.Value == joined)
            .Any(alias => Regex.IsMatch(documentation, $"(?<![A-Z0-9_]){Regex.Escape(alias.Key)}(?![A-Z0-9_])"));
    }

    /// <summary>Every setting as its key segments, e.g. [Edc, Connectors, &lt;index&gt;, ApiKey].</summary>
    private static List<string[]> BoundSettings() =>
        Layers
            .SelectMany(assembly => assembly.GetTypes())
            .Select(type => (Type: type, Section: SectionNameOf(type)))
            .Where(options => options.Section is not null)
            .SelectMany(options => SettingsOf(options.Type, [options.Section!]))
            .ToList();

    private static string? SectionNameOf(Type type) =>
        type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    private static IEnumerable<string[]> SettingsOf(Type type, string[] prefix)
    {
        var settable = type
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true } && property.GetIndexParameters().Length == 0);
        foreach (var property in settable)
        {
            string[] key = [.. prefix, property.Name];
            var element = ElementTypeOf(property.PropertyType);
            if (IsPlainValue(property.PropertyType) || (element is not null && IsPlainValue(element)))
            {
                yield return key;
            }
            else
            {
                // A class, or a collection of classes: its own properties are the settings.
                var nested = element is null ? SettingsOf(property.PropertyType, key) : SettingsOf(element, [.. key, IndexSegment]);
                foreach (var setting in nested)
                {
                    yield return setting;
                }
            }
        }
    }

    private static bool IsPlainValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(TimeSpan) || underlying == typeof(DateTimeOffset) || underlying == typeof(Guid) || underlying == typeof(Uri);
    }

    private static Type? ElementTypeOf(Type type) =>
        type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type)
            ? null
            : type.IsArray
                ? type.GetElementType()
                : type.GetInterfaces().Append(type)
                    .FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    ?.GetGenericArguments()[0];
}
