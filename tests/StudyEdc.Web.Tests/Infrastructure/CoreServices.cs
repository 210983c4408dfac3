using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Tests.Infrastructure;

/// <summary>Registers the real Core services over a SQLite database in a temporary folder, as the host does.</summary>
public static class CoreServices
{
    public static IServiceCollection AddCoreOverSqlite(this IServiceCollection services, string dataDirectory)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(StudyFixtures.Settings(dataDirectory)).Build();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddDataProtection();
        services.AddLocalization();
        services.AddStudyEdcCore(configuration);
        services.AddIdentityCore<StudyUser>(StudyIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudyDbContext>()
            .AddDefaultTokenProviders();
        services.AddScoped<StudyOperations>();
        return services;
    }
}
