namespace DataOrchestrator.Application.Transfers.Edc;

/// <summary>
/// Where a consumer connector's Management API lives, the key it wants and the API versions it speaks.
/// <see cref="ToString"/> hides the key.
/// </summary>
public sealed class EdcConnection(Uri managementBaseUrl, string apiKey, string apiVersion = "v3", string edrApiVersion = "v3")
{
    public Uri ManagementBaseUrl { get; } = managementBaseUrl;

    public string ApiKey { get; } = apiKey;

    /// <summary><c>v3</c> or <c>v4</c>: the path segment and JSON-LD form of transfer and negotiation calls.</summary>
    public string ApiVersion { get; } = apiVersion;

    /// <summary><c>v3</c> or <c>v4</c>: the path segment of EDR calls (EDC 0.17/0.18 keep them on v3).</summary>
    public string EdrApiVersion { get; } = edrApiVersion;

    public bool IsV4 => ApiVersion == "v4";

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

    public EdcConnection WithVersions(string apiVersion, string edrApiVersion) =>
        new(ManagementBaseUrl, ApiKey, apiVersion, edrApiVersion);

    public override string ToString() =>
        $"EdcConnection {{ ManagementBaseUrl = {ManagementBaseUrl}, ApiVersion = {ApiVersion}, EdrApiVersion = {EdrApiVersion}, ApiKey = *** }}";
}
