using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Security;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Application.Callbacks;

/// <summary>
/// The one check a <c>callbackUrl</c> passes before it is stored: an absolute http(s) URL without user information,
/// to a host that <c>ALLOWED_CALLBACK_HOSTS</c> allows and that is not a link-local or metadata address.
/// </summary>
public sealed class CallbackUrlPolicy(IOptions<CallbackOptions> options, OutboundPolicy outbound)
{
    public const string Disabled = "Callbacks are disabled on this service: no signing secret is configured (CALLBACK_SECRET).";
    public const string HasUserInfo = "Must not contain user information (user:password@); authenticate the callback with X-Signature.";

    /// <summary>Why the URL cannot be used as a callback, or null when it can.</summary>
    public string? Check(string url)
    {
        if (!options.Value.IsEnabled)
        {
            return Disabled;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            return ValidationMessages.NotHttpUrl;
        }

        return string.IsNullOrEmpty(uri.UserInfo) ? outbound.Check(uri, outbound.Callbacks, OutboundPolicy.CallbackSetting) : HasUserInfo;
    }
}
