using DataOrchestrator.Application.Transfers;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Authentication;

/// <summary>
/// Refuses to start in Production (also what an unset <c>ASPNETCORE_ENVIRONMENT</c> means) while a client key is the
/// shipped default <c>password</c>, whether through the <c>EDC_API_KEY</c> fallback or an <c>API_KEYS</c> entry (plain
/// or hashed), unless <c>ALLOW_DEFAULT_API_KEY=true</c>. Runs with the other options validation at start.
/// </summary>
internal sealed class DefaultApiKeyGuard(IHostEnvironment environment, IOptions<TransferOptions> transfer) : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        // A malformed entry is reported by the options' own validation; its hash cannot be read here.
        if (!environment.IsProduction() || options.AllowDefaultKey || options.Validate(new(options)).Any())
        {
            return ValidateOptionsResult.Skip;
        }

        var defaultHash = ConfiguredApiKeys.Hash(ConfiguredApiKeys.DefaultKey);
        if (!ConfiguredApiKeys.Hashes(options.ApiKeys, transfer.Value.ApiKey).Any(h => h.AsSpan().SequenceEqual(defaultHash)))
        {
            return ValidateOptionsResult.Success;
        }

        var source = ConfiguredApiKeys.Entries(options.ApiKeys).Count == 0
            ? "API_KEYS is unset, so clients use EDC_API_KEY, and that is"
            : "An API_KEYS entry is";
        return ValidateOptionsResult.Fail(
            $"{source} the shipped default key 'password' while the environment is {environment.EnvironmentName} " +
            "(an unset ASPNETCORE_ENVIRONMENT means Production). Set API_KEYS to keys of your own; for a demo on a trusted " +
            "machine, set ALLOW_DEFAULT_API_KEY=true or ASPNETCORE_ENVIRONMENT=Development.");
    }
}
