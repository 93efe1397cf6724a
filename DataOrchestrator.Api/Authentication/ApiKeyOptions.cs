using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Api.Authentication;

/// <summary>Keys that clients present in <c>X-Api-Key</c>.</summary>
public sealed class ApiKeyOptions : IValidatableObject
{
    public const string SectionName = "Auth";

    /// <summary>
    /// Comma-separated client keys (env <c>API_KEYS</c>), each either the key itself or <c>sha256:</c> and the 64 hex
    /// digits of its SHA-256, so the key need not be stored in configuration. Empty: clients use <c>EDC_API_KEY</c>,
    /// as in the original.
    /// </summary>
    public string? ApiKeys { get; set; }

    /// <summary>
    /// Start in Production even though a client key is the shipped default <c>password</c>
    /// (env <c>ALLOW_DEFAULT_API_KEY</c>). For demos on a trusted machine only.
    /// </summary>
    public bool AllowDefaultKey { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var entries = ConfiguredApiKeys.Entries(ApiKeys);
        for (var i = 0; i < entries.Count; i++)
        {
            // The entry itself is left out of the message: a mistyped one may be a real key.
            if (ConfiguredApiKeys.IsMalformedHash(entries[i]))
            {
                yield return new ValidationResult(
                    $"API_KEYS entry {i + 1} starts with '{ConfiguredApiKeys.HashPrefix}' but is not followed by exactly 64 hexadecimal digits " +
                    "(the SHA-256 of the key, as printed by: printf %s '<key>' | sha256sum).",
                    [nameof(ApiKeys)]);
            }
        }
    }
}
