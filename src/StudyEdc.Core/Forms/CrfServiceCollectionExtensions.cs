using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Dashboards;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Verification;

namespace StudyEdc.Core.Forms;

public static class CrfServiceCollectionExtensions
{
    /// <summary>
    /// Registers the study CRF and workflow services (scoped) and binds <see cref="CrfOptions"/> to the
    /// configuration section <c>Study:Crf</c>. <c>AddStudyEdcCore</c> calls it.
    /// </summary>
    public static IServiceCollection AddStudyCrfs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<CrfOptions>().Bind(configuration.GetSection(CrfOptions.SectionName))
            .Validate(o => o.PathologyBeforeCtWindowDays is >= 0 and <= 3650,
                "Study:Crf:PathologyBeforeCtWindowDays must be a number of days from 0 to 3650.")
            .ValidateOnStart();
        services.AddScoped<IClinicalCrfService, ClinicalCrfService>();
        services.AddScoped<ILesionService, LesionService>();
        services.AddScoped<IExclusionService, ExclusionService>();
        services.AddScoped<IAdjudicationService, AdjudicationService>();
        services.AddScoped<IQueryService, QueryService>();
        services.AddScoped<ICrfStatusService, CrfStatusService>();
        services.AddScoped<ISignatureService, SignatureService>();
        services.AddScoped<IDashboardService, DashboardService>();
        services.AddScoped<ICasebookAuditService, CasebookAuditService>();
        return services;
    }
}
