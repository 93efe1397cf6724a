using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataOrchestrator.Infrastructure.Json;

/// <summary>
/// The JSON conventions of what the service reports, in one place: the Api applies them to its controllers' options and
/// the callback serializer to its own, so a callback body is the status entry exactly as GET /status shows it.
/// </summary>
public static class ServiceJson
{
    /// <summary>Adds the service's conventions (timestamps in UTC with microseconds, nulls written) to <paramref name="options"/>.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new UtcMicrosecondsConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    /// <summary>The web defaults ASP.NET Core's controllers start from (camelCase, numbers read from strings), plus the conventions.</summary>
    internal static JsonSerializerOptions CreateWebOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        return options;
    }
}
