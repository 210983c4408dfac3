using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StudyEdc.Core.Exports;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IExportService"/> (scoped) and binds <see cref="ExportOptions"/> to the configuration
    /// section <c>Exports</c>. <c>AddStudyEdcCore</c> calls it.
    /// </summary>
    public static IServiceCollection AddStudyEdcExports(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ExportOptions>().Bind(configuration.GetSection(ExportOptions.SectionName));
        services.AddScoped<IExportService, ExportService>();
        return services;
    }
}
