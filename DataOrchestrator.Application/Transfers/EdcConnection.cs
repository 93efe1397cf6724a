namespace DataOrchestrator.Application.Transfers;

/// <summary>Where a consumer connector's Management API lives.</summary>
public sealed record EdcConnection(Uri ManagementBaseUrl)
{
    /// <summary>
    /// <c>{connectorAddress}{managementPath}</c>, without doubling the path when the address already ends with it
    /// and without doubled slashes.
    /// </summary>
    public static EdcConnection For(string connectorAddress, string managementPath)
    {
        var address = connectorAddress.TrimEnd('/');
        var path = "/" + managementPath.Trim('/');
        var baseUrl = address.EndsWith(path, StringComparison.OrdinalIgnoreCase) ? address : address + path;
        return new EdcConnection(new Uri(baseUrl, UriKind.Absolute));
    }
}
