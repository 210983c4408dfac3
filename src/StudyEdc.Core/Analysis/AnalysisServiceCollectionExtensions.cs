using Microsoft.Extensions.DependencyInjection;

namespace StudyEdc.Core.Analysis;

public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Registers the analysis plan, snapshot and report services (scoped, over the study database).</summary>
    public static IServiceCollection AddStudyEdcAnalysis(this IServiceCollection services)
    {
        services.AddScoped<AnalysisDatasetBuilder>();
        services.AddScoped<IAnalysisService, AnalysisService>();
        return services;
    }
}
