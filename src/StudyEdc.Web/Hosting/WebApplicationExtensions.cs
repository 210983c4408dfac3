using Serilog;
using StudyEdc.Web.Components;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Health;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Localization;

namespace StudyEdc.Web.Hosting;

internal static class WebApplicationExtensions
{
    /// <summary>Builds the request pipeline: localization, authentication, the account gate and the components.</summary>
    public static WebApplication UseStudyEdcWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
        app.UseMiddleware<AccountGateMiddleware>();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapCultureEndpoints();
        app.MapImagingEndpoints();
        app.MapExportEndpoints();
        app.MapReportEndpoints();
        app.MapHealthEndpoints();
        return app;
    }
}
