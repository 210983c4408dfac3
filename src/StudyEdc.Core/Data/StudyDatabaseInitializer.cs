using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Data;

/// <summary>
/// Brings the database to a usable state at start-up: applies migrations, creates the six roles, adds the
/// sites of <c>Study:Sites</c> that are not in the database yet, and on an empty user table creates the
/// bootstrap Administrator. Safe to run on every start.
/// </summary>
public static partial class StudyDatabaseInitializer
{
    public const string BootstrapAdminUserName = "admin";

    /// <summary>Configuration key of the bootstrap password (environment variable StudyEdc__BootstrapAdminPassword).</summary>
    public const string BootstrapPasswordKey = "StudyEdc:BootstrapAdminPassword";

    /// <summary>The same key without the prefix, for hosts that strip "StudyEdc__" from environment variables.</summary>
    public const string BootstrapPasswordShortKey = "BootstrapAdminPassword";

    /// <summary>
    /// Initializes the database; a generated bootstrap password goes to standard output, the only place a
    /// password is ever written.
    /// </summary>
    public static Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        InitializeAsync(services, Console.Out, cancellationToken);

    /// <summary>Initializes the database, writing a generated bootstrap password to <paramref name="console"/>.</summary>
    public static async Task InitializeAsync(IServiceProvider services, TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);

        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var provider = scope.ServiceProvider;
            var db = provider.GetRequiredService<StudyDbContext>();
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StudyDatabaseInitializer).FullName!);
            var configuration = provider.GetRequiredService<IConfiguration>();

            await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogMigrated(logger, db.Database.ProviderName ?? "unknown");

            await SeedRolesAsync(provider.GetRequiredService<RoleManager<IdentityRole>>(), logger).ConfigureAwait(false);
            await SeedSitesAsync(db, configuration, logger, cancellationToken).ConfigureAwait(false);
            await CreateBootstrapAdministratorAsync(db, provider.GetRequiredService<UserManager<StudyUser>>(), configuration, console, logger, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private static async Task SeedRolesAsync(RoleManager<IdentityRole> roleManager, ILogger logger)
    {
        foreach (var role in StudyRoles.All)
        {
            if (await roleManager.RoleExistsAsync(role).ConfigureAwait(false))
            {
                continue;
            }

            var result = await roleManager.CreateAsync(new IdentityRole(role)).ConfigureAwait(false);
            ThrowIfFailed(result, $"create role {role}");
            LogRoleCreated(logger, role);
        }
    }

    /// <summary>
    /// Adds configured sites whose code is not in the database. Existing sites are left alone: after the
    /// first start the Administrator edits them in the application, and those audited edits must survive a
    /// restart.
    /// </summary>
    private static async Task SeedSitesAsync(StudyDbContext db, IConfiguration configuration, ILogger logger, CancellationToken cancellationToken)
    {
        var configured = configuration.GetSection(StudySiteSettings.SectionName).Get<List<StudySiteSettings>>() ?? [];
        var existingCodes = await db.Sites.Select(s => s.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var added = new List<string>();
        foreach (var settings in configured)
        {
            var code = settings.Code.Trim().ToUpperInvariant();
            ValidateSiteSettings(settings, code);
            if (existingCodes.Contains(code, StringComparer.Ordinal) || added.Contains(code, StringComparer.Ordinal))
            {
                continue;
            }

            db.Sites.Add(new Site
            {
                Code = code,
                NameZh = settings.NameZh.Trim(),
                NameEn = settings.NameEn.Trim(),
                TimeZoneId = settings.TimeZoneId.Trim(),
                EnrolmentTarget = settings.EnrolmentTarget,
                IsLeadSite = settings.IsLeadSite,
            });
            added.Add(code);
        }

        if (added.Count == 0)
        {
            return;
        }

        db.UseAuditContext(SystemCaller, "Seeded from configuration Study:Sites");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        var codes = string.Join(", ", added);
        LogSitesSeeded(logger, added.Count, codes);
    }

    private static void ValidateSiteSettings(StudySiteSettings settings, string code)
    {
        if (code.Length is 0 or > 10 || !code.All(char.IsAsciiLetterOrDigit))
        {
            throw new InvalidOperationException(
                $"{StudySiteSettings.SectionName}: site code '{settings.Code}' is invalid. Use 1 to 10 ASCII letters or digits, for example WCH.");
        }

        if (string.IsNullOrWhiteSpace(settings.NameZh) || string.IsNullOrWhiteSpace(settings.NameEn))
        {
            throw new InvalidOperationException(
                $"{StudySiteSettings.SectionName}: site {code} needs both NameZh and NameEn.");
        }

        if (!SiteTime.IsKnownTimeZone(settings.TimeZoneId))
        {
            throw new InvalidOperationException(
                $"{StudySiteSettings.SectionName}: site {code} has time zone '{settings.TimeZoneId}', which this machine does not know. Use an IANA id such as Asia/Shanghai.");
        }

        if (settings.EnrolmentTarget < 1)
        {
            throw new InvalidOperationException(
                $"{StudySiteSettings.SectionName}: site {code} has enrolment target {settings.EnrolmentTarget}. Use a whole number of at least 1.");
        }
    }

    private static async Task CreateBootstrapAdministratorAsync(
        StudyDbContext db,
        UserManager<StudyUser> userManager,
        IConfiguration configuration,
        TextWriter console,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var configuredPassword = NullIfEmpty(configuration[BootstrapPasswordKey]) ?? NullIfEmpty(configuration[BootstrapPasswordShortKey]);
        var password = configuredPassword ?? OneTimePasswordGenerator.Generate();
        var user = new StudyUser
        {
            UserName = BootstrapAdminUserName,
            DisplayName = "Administrator",
            MustChangePassword = true,
            IsActive = true,
        };

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var created = await userManager.CreateAsync(user, password).ConfigureAwait(false);
            if (!created.Succeeded && configuredPassword is not null)
            {
                // Name the unmet rules, never the password.
                throw new InvalidOperationException(
                    "StudyEdc__BootstrapAdminPassword does not satisfy the password policy: "
                    + string.Join(" ", created.Errors.Select(e => e.Description))
                    + " Set a password of at least 12 characters with upper- and lower-case letters, a digit and a symbol, or unset it to have one generated.");
            }

            ThrowIfFailed(created, "create the bootstrap administrator");
            ThrowIfFailed(await userManager.AddToRoleAsync(user, StudyRoles.Administrator).ConfigureAwait(false), "give the bootstrap administrator its role");

            db.AddAuditEntries(new AuditEntry
            {
                UserId = SystemCaller.UserId,
                UserName = SystemCaller.UserName,
                EntityType = AuditEntityTypes.User,
                EntityId = user.Id,
                Field = "Role",
                NewValue = StudyRoles.Administrator,
                Action = AuditAction.Create,
                Reason = "Bootstrap administrator created on first start",
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (configuredPassword is null)
        {
            await console.WriteLineAsync(
                $"==== StudyEdc bootstrap administrator ==== user name: {BootstrapAdminUserName}  one-time password: {password}  "
                + "(shown only this once; it must be changed at first sign-in) ====").ConfigureAwait(false);
            await console.FlushAsync(cancellationToken).ConfigureAwait(false);
            LogBootstrapAdministratorGenerated(logger, user.Id);
        }
        else
        {
            LogBootstrapAdministratorConfigured(logger, user.Id);
        }
    }

    /// <summary>The actor recorded for changes made by the application itself, such as seeding.</summary>
    internal static StudyCaller SystemCaller { get; } = new("system", "system", new HashSet<string>(StringComparer.Ordinal), null);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static void ThrowIfFailed(IdentityResult result, string action)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Database initialization could not {action}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, string provider);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Role {Role} created")]
    private static partial void LogRoleCreated(ILogger logger, string role);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "{Count} sites added from configuration: {Codes}")]
    private static partial void LogSitesSeeded(ILogger logger, int count, string codes);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Bootstrap administrator {UserId} created; its one-time password was written to standard output")]
    private static partial void LogBootstrapAdministratorGenerated(ILogger logger, string userId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Bootstrap administrator {UserId} created with the configured one-time password")]
    private static partial void LogBootstrapAdministratorConfigured(ILogger logger, string userId);
}
