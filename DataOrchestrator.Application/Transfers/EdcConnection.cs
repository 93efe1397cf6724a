namespace DataOrchestrator.Application.Transfers;

/// <summary>Where a consumer connector's Management API lives and the key it wants. <see cref="ToString"/> hides the key.</summary>
public sealed class EdcConnection(Uri managementBaseUrl, string apiKey)
{
    public Uri ManagementBaseUrl { get; } = managementBaseUrl;

    public string ApiKey { get; } = apiKey;

    /// <summary>
    /// <c>{connectorAddress}{managementPath}</c>, without doubling the path when the address already ends with it
    /// and without doubled slashes.
    /// </summary>
    public static EdcConnection For(string connectorAddress, string managementPath, string apiKey)
    {
        var address = connectorAddress.TrimEnd('/');
        var path = "/" + managementPath.Trim('/');
        var baseUrl = address.EndsWith(path, StringComparison.OrdinalIgnoreCase) ? address : address + path;
        return new EdcConnection(new Uri(baseUrl, UriKind.Absolute), apiKey);
    }

    public override string ToString() => $"EdcConnection {{ ManagementBaseUrl = {ManagementBaseUrl}, ApiKey = *** }}";
}
