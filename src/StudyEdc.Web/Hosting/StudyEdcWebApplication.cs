using Microsoft.Extensions.Configuration.Json;
using Serilog;
using StudyEdc.Core.Data;

namespace StudyEdc.Web.Hosting;

/// <summary>Builds the web host: configuration, logging, services and the request pipeline.</summary>
internal static class StudyEdcWebApplication
{
    private const string DefaultUrl = "http://localhost:5000";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddOutputFolderSettings(builder);

        // Serves MudBlazor's and the framework's files from the build output in every environment, as
        // Development does by default. A published app has no such manifest and serves its own copies.
        builder.WebHost.UseStaticWebAssets();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            && string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        builder.Services.AddStudyEdcWeb(builder.Configuration);

        var app = builder.Build();
        app.UseStudyEdcWeb();
        return app;
    }

    /// <summary>Creates or migrates the database, seeds roles, sites and the bootstrap Administrator.</summary>
    public static Task InitializeDatabaseAsync(WebApplication app, CancellationToken cancellationToken) =>
        StudyDatabaseInitializer.InitializeAsync(app.Services, cancellationToken);

    /// <summary>
    /// Adds the appsettings.json that the build copies next to the program as the lowest-priority source. The
    /// host already reads appsettings.json from the content root (the working directory). This copy gives the
    /// program the same settings when it is started from any other folder.
    /// </summary>
    private static void AddOutputFolderSettings(WebApplicationBuilder builder)
    {
        var outputFolderSettings = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var contentRootSettings = Path.Combine(builder.Environment.ContentRootPath, "appsettings.json");
        if (!File.Exists(outputFolderSettings)
            || string.Equals(Path.GetFullPath(outputFolderSettings), Path.GetFullPath(contentRootSettings), StringComparison.Ordinal))
        {
            return;
        }

        var source = new JsonConfigurationSource { Path = outputFolderSettings, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        builder.Configuration.Sources.Insert(0, source);
    }
}
