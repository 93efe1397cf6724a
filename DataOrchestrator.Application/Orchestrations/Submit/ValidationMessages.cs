namespace DataOrchestrator.Application.Orchestrations.Submit;

/// <summary>Validation messages worded as the original (marshmallow) service worded them where it had one.</summary>
internal static class ValidationMessages
{
    public const string Missing = "Missing data for required field.";
    public const string NotNull = "Field may not be null.";
    public const string Blank = "Field may not be blank.";
    public const string NotHttpUrl = "Not a valid URL: an absolute http or https URL is required.";
    public const string EmptyList = "Must contain at least one item.";

    public static string TooLong(int max) => $"Longer than maximum length {max}.";

    public static string TooMany(int max) => $"Must contain at most {max} items.";

    // Control characters are refused outright: Uri would quietly trim a leading tab or line break, and the raw value
    // would still reach log lines and the stored request.
    public static bool IsHttpUrl(string? value) =>
        value is not null && !value.Any(char.IsControl)
        && Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo);
}
