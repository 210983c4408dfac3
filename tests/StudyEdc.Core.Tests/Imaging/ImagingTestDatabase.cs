using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Sites;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>
/// A migrated SQLite database with roles and two sites, and an image store in the same temporary folder. WCH uses
/// a configured de-identification key, and HPH gets its key through data protection.
/// </summary>
public sealed class ImagingTestDatabase : IAsyncDisposable
{
    public const string SiteA = "WCH";
    public const string SiteB = "HPH";

    private readonly ServiceProvider _services;
    private readonly List<AsyncServiceScope> _scopes = [];

    private ImagingTestDatabase(ServiceProvider services, DirectoryInfo directory)
    {
        _services = services;
        DataDirectory = directory.FullName;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _services;

    public static async Task<ImagingTestDatabase> CreateAsync(IDictionary<string, string?>? settings = null)
    {
        var directory = Directory.CreateTempSubdirectory("studyedc-imaging-");
        var values = new Dictionary<string, string?>
        {
            [StudyDatabase.DataDirectoryKey] = directory.FullName,
            ["Imaging:SiteKeys:" + SiteA] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray()),
            ["Inference:Queue:RetryDelaySeconds"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var services = StudyTestDatabase.BuildServices(DatabaseProvider.Sqlite, StudyDatabase.SqliteConnectionStringFor(directory.FullName), values);
        var database = new ImagingTestDatabase(services, directory);
        await database.SeedAsync();
        return database;
    }

    public T Get<T>()
        where T : notnull
    {
        var scope = _services.CreateAsyncScope();
        _scopes.Add(scope);
        return scope.ServiceProvider.GetRequiredService<T>();
    }

    public async Task<int> SiteIdAsync(string code) =>
        await Get<StudyDbContext>().Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync();

    /// <summary>Adds a user with <paramref name="role"/> at <paramref name="siteCode"/> (null for all-site roles) and returns its caller.</summary>
    public async Task<StudyCaller> CreateCallerAsync(string role, string? siteCode)
    {
        int? siteId = siteCode is null ? null : await SiteIdAsync(siteCode);
        var db = Get<StudyDbContext>();
        var userName = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}"[..30];
        var user = new StudyUser { UserName = userName, NormalizedUserName = userName.ToUpperInvariant(), DisplayName = userName, SiteId = siteId, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
        return new StudyCaller(user.Id, userName, new HashSet<string>([role], StringComparer.Ordinal), siteId);
    }

    /// <summary>Enrols an eligible participant at the coordinator's site and returns its id.</summary>
    public async Task<int> EnrolAsync(StudyCaller coordinator)
    {
        var result = await Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible());
        return result.Value?.Id ?? throw new InvalidOperationException("Enrolment failed: " + string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var scope in _scopes)
        {
            await scope.DisposeAsync();
        }

        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private async Task SeedAsync()
    {
        var db = Get<StudyDbContext>();
        await db.Database.MigrateAsync();

        var roles = Get<RoleManager<IdentityRole>>();
        foreach (var role in StudyRoles.All)
        {
            await roles.CreateAsync(new IdentityRole(role));
        }

        var configured = Get<IConfiguration>().GetSection(StudySiteSettings.SectionName).Get<List<StudySiteSettings>>() ?? [];
        foreach (var site in configured.Where(s => s.Code is SiteA or SiteB))
        {
            db.Sites.Add(new Site { Code = site.Code, NameZh = site.NameZh, NameEn = site.NameEn, TimeZoneId = site.TimeZoneId, EnrolmentTarget = site.EnrolmentTarget });
        }

        db.UseAuditContext(StudyDatabaseInitializer.SystemCaller, "test seed");
        await db.SaveChangesAsync();
    }
}
