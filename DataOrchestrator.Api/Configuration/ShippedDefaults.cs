using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace DataOrchestrator.Api.Configuration;

/// <summary>
/// The appsettings.json shipped next to the binary, as the lowest-priority source. The service runs from the
/// directory that holds data/ and logs/, which is not where the binary is, so the content root alone would miss it.
/// </summary>
internal static class ShippedDefaults
{
    public static IConfigurationBuilder AddShippedDefaults(this IConfigurationBuilder builder)
    {
        builder.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        });
        return builder;
    }
}
