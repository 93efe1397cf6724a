using System.ComponentModel.DataAnnotations;

namespace DataOrchestrator.Application.Security;

/// <summary>Where the service may connect (against server-side request forgery). Empty lists allow any host.</summary>
public sealed class OutboundOptions : IValidatableObject
{
    public const string SectionName = "Outbound";

    /// <summary>Consumer connector management addresses (env <c>ALLOWED_CONNECTOR_HOSTS</c>).</summary>
    public string? ConnectorHosts { get; set; }

    /// <summary>Data plane endpoints that EDRs name (env <c>ALLOWED_DATA_PLANE_HOSTS</c>).</summary>
    public string? DataPlaneHosts { get; set; }

    /// <summary>Callback URLs (env <c>ALLOWED_CALLBACK_HOSTS</c>).</summary>
    public string? CallbackHosts { get; set; }

    /// <summary>Allow link-local and cloud metadata addresses (env <c>ALLOW_LINK_LOCAL_TARGETS</c>); refused by default.</summary>
    public bool AllowLinkLocal { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, value) in new[] { (nameof(ConnectorHosts), ConnectorHosts), (nameof(DataPlaneHosts), DataPlaneHosts), (nameof(CallbackHosts), CallbackHosts) })
        {
            string? problem = null;
            try
            {
                HostAllowList.Parse(value);
            }
            catch (FormatException exception)
            {
                problem = exception.Message;
            }

            if (problem is not null)
            {
                yield return new ValidationResult($"{name}: {problem}", [name]);
            }
        }
    }
}
