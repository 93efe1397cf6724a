using DataOrchestrator.Api.Authentication;
using DataOrchestrator.Api.Dashboard;
using DataOrchestrator.Api.Errors;
using DataOrchestrator.Api.Health;
using DataOrchestrator.Api.Middleware;
using DataOrchestrator.Api.Observability;
using DataOrchestrator.Api.OpenApi;
using DataOrchestrator.Api.RateLimiting;
using DataOrchestrator.Api.Signaling;
using DataOrchestrator.Api.Validation;
using DataOrchestrator.Application.Orchestrations.Submit;
using DataOrchestrator.Application.Workers;
using DataOrchestrator.Infrastructure.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NSwag;
using NSwag.Generation.Processors.Security;

namespace DataOrchestrator.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, DefaultApiKeyGuard>();
        services.AddSingleton<IValidateOptions<DataOrchestrator.Application.DataFlows.DataPlaneOptions>, Signaling.UnauthenticatedSignalingGuard>();
        services.AddSingleton<ApiKeyVerifier>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddSignalingBearer();
        services.AddAuthorization();

        services.AddControllers(o =>
            {
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
                o.Filters.Add(new QueryParameterFilter());
            })
            .AddJsonOptions(o =>
            {
                // The same conventions as the callback bodies, which must equal the entries GET /status shows.
                ServiceJson.Configure(o.JsonSerializerOptions);
                o.AllowInputFormatterExceptionMessages = false;
            })
            .ConfigureApiBehaviorOptions(o =>
            {
                o.InvalidModelStateResponseFactory = ValidationErrorResponseFactory.Create;
                // Bodyless client errors (415, 404) keep no ProblemDetails; the status code pages write our envelope.
                o.SuppressMapClientErrors = true;
            });
        // MVC's JSON reading already stops at 32 levels; this makes the bound a validated setting (MAX_JSON_DEPTH).
        services.AddOptions<JsonOptions>().Configure<IOptions<RequestLimitsOptions>>((json, limits) => json.JsonSerializerOptions.MaxDepth = limits.Value.MaxJsonDepth);
        services.AddSingleton<Signaling.SignalingSchemas>();
        services.AddSingleton<Signaling.ControlPlaneHosts>();
        services.AddClientRateLimiting();
        services.AddHealthChecks();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddProblemDetails();
        services.AddMetricsExporter(configuration);
        services.AddTracing(configuration);

        // The host stops within this: the worker pool's drain (SHUTDOWN_TIMEOUT) plus room for the services stopped before and after it.
        services.AddOptions<HostOptions>().Configure<IOptions<WorkerOptions>>((host, workers) =>
            host.ShutdownTimeout = workers.Value.ShutdownTimeout + TimeSpan.FromSeconds(15));

        services.AddDashboard();
        services.AddOptions<OpenApiOptions>().BindConfiguration(OpenApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddOpenApiDocument(document =>
        {
            document.DocumentName = "v1";
            document.Title = "DataOrchestrator";
            document.Description = "Orchestrates EDC consumer PULL transfers: start, wait for STARTED, fetch the EDR, download, save.";
            document.AddSecurity(ApiKeyAuthenticationHandler.SchemeName, [], new OpenApiSecurityScheme
            {
                Type = OpenApiSecuritySchemeType.ApiKey,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                In = OpenApiSecurityApiKeyLocation.Header,
                Description = "The client API key (API_KEYS, or EDC_API_KEY when API_KEYS is unset).",
            });
            document.OperationProcessors.Add(new AspNetCoreOperationSecurityScopeProcessor(ApiKeyAuthenticationHandler.SchemeName));
            document.SchemaSettings.SchemaProcessors.Add(new RequiredPropertiesSchemaProcessor());
            var statuses = new StatusSchemas(document.SchemaSettings.SchemaNameGenerator);
            document.SchemaSettings.SchemaNameGenerator = statuses;
            document.SchemaSettings.SchemaProcessors.Add(statuses);
        });
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<AccessLogMiddleware>();
        app.UseExceptionHandler();
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            await response.WriteAsJsonAsync(ErrorResponses.ForStatus(response.StatusCode), context.HttpContext.RequestAborted);
        });
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseAuthentication();
        app.UseClientRateLimiting();
        app.UseApiDescription();
        app.UseDashboard();
        app.UseAuthorization();
        app.MapControllers();
        app.MapMetrics();

        app.MapHealthEndpoints();

        // Resolve at start so a missing API_KEYS is warned about then, not at the first request; after start-up
        // validation, so that a bad key setting is reported together with any other bad setting.
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<ApiKeyVerifier>());
        return app;
    }

    /// <summary>The OpenAPI document and Swagger UI, unless turned off (OPENAPI_DOCUMENT, SWAGGER_UI). The UI needs the document.</summary>
    private static void UseApiDescription(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<OpenApiOptions>>().Value;
        if (!options.Document)
        {
            return;
        }

        // No "servers": the committed docs/openapi.json must not depend on the host that served it, and clients pass their base URL.
        app.UseOpenApi(settings => settings.PostProcess = (document, _) => document.Servers.Clear());
        if (options.SwaggerUi)
        {
            app.UseSwaggerUi();
        }
    }
}
