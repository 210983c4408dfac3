using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Drafts;
using StudyEdc.Core.Exports;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core;

public static class StudyEdcCoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StudyDbContext"/> for the provider named by <c>Database:Provider</c> and the Core
    /// services (scoped). Identity itself is registered by the host: AddIdentity or AddIdentityCore with
    /// AddEntityFrameworkStores&lt;StudyDbContext&gt;; the user-administration service and the database
    /// initializer need its UserManager&lt;StudyUser&gt; and RoleManager&lt;IdentityRole&gt;.
    /// </summary>
    public static IServiceCollection AddStudyEdcCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var provider = StudyDatabase.ReadProvider(configuration);
        var connectionString = StudyDatabase.ResolveConnectionString(configuration, provider);
        services.AddDbContext<StudyDbContext>(options => StudyDatabase.Configure(options, provider, connectionString));

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<StudyCallerFactory>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<ISiteService, SiteService>();
        services.AddScoped<IParticipantService, ParticipantService>();
        services.AddScoped<IFormDraftService, FormDraftService>();
        services.AddScoped<IUserAdministrationService, UserAdministrationService>();
        services.AddStudyCrfs(configuration);
        services.AddStudyEdcImaging(configuration);
        services.AddStudyEdcAnalysis();
        services.AddStudyEdcExports(configuration);
        return services;
    }
}
