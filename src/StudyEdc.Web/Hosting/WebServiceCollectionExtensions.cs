using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Health;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Localization;

namespace StudyEdc.Web.Hosting;

internal static class WebServiceCollectionExtensions
{
    /// <summary>Registers Core, Identity with cookie sign-in, localization, MudBlazor, the Razor components and the health checks.</summary>
    public static IServiceCollection AddStudyEdcWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStudyEdcCore(configuration);
        services.Configure<ImagingUploadOptions>(configuration.GetSection(ImagingUploadOptions.SectionName));
        services.Configure<StudyEdc.Reports.Pdf.ReportFontOptions>(configuration.GetSection(StudyEdc.Reports.Pdf.ReportFontOptions.SectionName));

        services.Configure<SessionOptions>(configuration.GetSection(SessionOptions.SectionName));
        var session = configuration.GetSection(SessionOptions.SectionName).Get<SessionOptions>() ?? new SessionOptions();
        if (session.IdleTimeoutMinutes is < 1 or > 24 * 60)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Identity:IdleTimeoutMinutes = {session.IdleTimeoutMinutes} is invalid: set a number of minutes from 1 to 1440."));
        }

        AddIdentity(services, session);
        AddDataProtection(services, configuration);

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(StudyCultures.Configure);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<StudyOperations>();
        services.AddScoped<AccountRedirect>();
        services.AddMudServices();
        HealthEndpoints.AddStudyEdcHealthChecks(services);
        return services;
    }

    private static void AddIdentity(IServiceCollection services, SessionOptions session)
    {
        services.AddIdentity<StudyUser, IdentityRole>(StudyIdentityOptions.Apply)
            .AddEntityFrameworkStores<StudyDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<StudyUserClaimsPrincipalFactory>();

        // Role or site changes and deactivation update the security stamp, and a signed-in browser picks them up
        // within this interval.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "StudyEdc.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(session.IdleTimeoutMinutes);
            options.SlidingExpiration = true;
            options.LoginPath = AccountPaths.Login;
            options.LogoutPath = AccountPaths.Logout;
            options.AccessDeniedPath = AccountPaths.AccessDenied;
            options.Events = new CookieAuthenticationEvents
            {
                OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
            };
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
    }

    private static void AddDataProtection(IServiceCollection services, IConfiguration configuration)
    {
        // Keys live in the study database, so sign-in cookies survive a restart and several web instances
        // sharing one database accept each other's cookies.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("StudyEdc")
            .PersistKeysToDbContext<StudyDbContext>();

        // With a certificate the keys are encrypted at rest, so a copy of the database (or a backup) alone can
        // neither forge sign-in cookies nor unwrap the sites' de-identification keys. docs/operations.md.
        var certificatePath = configuration[DataProtectionCertificatePathKey];
        if (string.IsNullOrWhiteSpace(certificatePath))
        {
            return;
        }

        if (!File.Exists(certificatePath))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{DataProtectionCertificatePathKey} = {certificatePath} does not exist: give the path of a PKCS#12 (.pfx) file with a private key, or remove the setting."));
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(certificatePath, configuration[DataProtectionCertificatePasswordKey]);
        dataProtection.ProtectKeysWithCertificate(certificate);
    }

    public const string DataProtectionCertificatePathKey = "DataProtection:CertificatePath";
    public const string DataProtectionCertificatePasswordKey = "DataProtection:CertificatePassword";
}
