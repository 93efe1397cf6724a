using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace DataOrchestrator.Api.Dashboard;

/// <summary>
/// Serves the operator dashboard, a static single-page app (built from clients/dashboard into Dashboard/wwwroot and
/// embedded in this assembly, so it is there wherever the service runs from), at <c>/dashboard/</c>. The files need no
/// API key: the page asks the operator for one and sends it on its API calls. Every answer under the path carries a
/// strict Content-Security-Policy (no inline script or style, calls to this origin only) and is revalidated on each
/// load, so a new version of the service is picked up at once.
/// </summary>
internal static class DashboardFiles
{
    public const string Path = "/dashboard";

    /// <summary>Scripts, styles and calls from this origin only; nothing inline, no eval, no framing, no plugins.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ResourcePrefix = "DataOrchestrator.Api.Dashboard.wwwroot";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.SectionName);
        return services;
    }

    public static WebApplication UseDashboard(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            return app;
        }

        var files = new EmbeddedFileProvider(typeof(DashboardFiles).Assembly, ResourcePrefix);
        app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), dashboard =>
        {
            dashboard.Use((context, next) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
                return next(context);
            });
            // /dashboard redirects to /dashboard/, which is index.html.
            dashboard.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = Path });
            dashboard.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = Path });
        });
        return app;
    }
}
