namespace DataOrchestrator.Api.OpenApi;

/// <summary>Whether the service serves its API description; a deployment may hide both from the network.</summary>
public sealed class OpenApiOptions
{
    public const string SectionName = "OpenApi";

    /// <summary>Serve Swagger UI at <c>/swagger</c> (env <c>SWAGGER_UI</c>). It needs the document, so it is off when <see cref="Document"/> is.</summary>
    public bool SwaggerUi { get; set; } = true;

    /// <summary>Serve the OpenAPI document at <c>/swagger/v1/swagger.json</c> (env <c>OPENAPI_DOCUMENT</c>).</summary>
    public bool Document { get; set; } = true;
}
