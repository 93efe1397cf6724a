using DataOrchestrator.Application.Transfers.Catalog.Policies;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Transfers.Catalog;

/// <summary>
/// Loads <c>ACCEPTED_POLICIES_FILE</c> while the options are validated, so that a missing or invalid file stops the
/// service at start with the reason. Keeps what it loaded: the <see cref="PolicyAllowList"/> singleton is the list
/// validated at start, not a second read of a file that may have changed since.
/// </summary>
internal sealed class CatalogOptionsValidator : IValidateOptions<CatalogOptions>
{
    private readonly Lock _lock = new();
    private (string Path, PolicyAllowList List)? _loaded;

    public ValidateOptionsResult Validate(string? name, CatalogOptions options)
    {
        try
        {
            AllowList(options);
            return ValidateOptionsResult.Success;
        }
        catch (PolicyFileException exception)
        {
            return ValidateOptionsResult.Fail($"Catalog:AcceptedPoliciesFile (ACCEPTED_POLICIES_FILE): {exception.Message}");
        }
    }

    /// <summary>The allow-list the options name: <see cref="PolicyAllowList.Default"/> when no file is set.</summary>
    public PolicyAllowList AllowList(CatalogOptions options)
    {
        var path = options.AcceptedPoliciesFile;
        if (string.IsNullOrEmpty(path))
        {
            return PolicyAllowList.Default;
        }

        lock (_lock)
        {
            if (_loaded is { } loaded && loaded.Path == path)
            {
                return loaded.List;
            }

            var list = PolicyAllowList.Load(path);
            _loaded = (path, list);
            return list;
        }
    }
}
