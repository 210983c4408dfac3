using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;

namespace StudyEdc.Demo;

/// <summary>The services the demo seed needs outside the web host: the command-line tool and tests.</summary>
public static class DemoServices
{
    /// <summary>
    /// Builds configuration, logging, the Identity stores and Core over <paramref name="configuration"/>; the
    /// inference worker is registered but not started, since the seed drains the queue itself.
    /// </summary>
    public static ServiceProvider Build(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddIdentityCore<StudyUser>(StudyIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudyDbContext>();
        services.AddStudyEdcCore(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }
}
