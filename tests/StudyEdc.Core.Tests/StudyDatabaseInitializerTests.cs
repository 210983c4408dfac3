using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Tests;

/// <summary>First start on an empty SQLite file, as the web host does it.</summary>
public sealed class StudyDatabaseInitializerTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("studyedc-init-");

    [Fact]
    public async Task First_start_prints_a_generated_password_once_in_a_marked_line()
    {
        await using var services = BuildServices(bootstrapPassword: "");
        using var first = new StringWriter();
        using var second = new StringWriter();

        await StudyDatabaseInitializer.InitializeAsync(services, first, TestContext.Current.CancellationToken);
        await StudyDatabaseInitializer.InitializeAsync(services, second, TestContext.Current.CancellationToken);

        Assert.StartsWith("==== StudyEdc bootstrap administrator ====", first.ToString(), StringComparison.Ordinal);
        Assert.Equal("", second.ToString());
    }

    [Fact]
    public async Task Printed_password_signs_in_and_must_be_changed()
    {
        await using var services = BuildServices(bootstrapPassword: "");
        using var console = new StringWriter();

        await StudyDatabaseInitializer.InitializeAsync(services, console, TestContext.Current.CancellationToken);

        var password = console.ToString().Split("one-time password: ")[1].Split(' ')[0];
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>();
        var admin = await users.FindByNameAsync(StudyDatabaseInitializer.BootstrapAdminUserName);
        Assert.True(await users.CheckPasswordAsync(admin!, password));
        Assert.True(admin!.MustChangePassword);
        Assert.True(await users.IsInRoleAsync(admin, StudyRoles.Administrator));
    }

    [Fact]
    public async Task Configured_password_is_used_and_not_printed()
    {
        const string configured = "Configured-Pa55word!";
        await using var services = BuildServices(configured);
        using var console = new StringWriter();

        await StudyDatabaseInitializer.InitializeAsync(services, console, TestContext.Current.CancellationToken);

        Assert.Equal("", console.ToString());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StudyUser>>();
        var admin = await users.FindByNameAsync(StudyDatabaseInitializer.BootstrapAdminUserName);
        Assert.True(await users.CheckPasswordAsync(admin!, configured));
    }

    [Fact]
    public async Task Weak_configured_password_fails_without_revealing_it()
    {
        const string weak = "short1";
        await using var services = BuildServices(weak);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null, TestContext.Current.CancellationToken));

        Assert.Contains("StudyEdc__BootstrapAdminPassword", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sites_roles_and_targets_come_from_appsettings()
    {
        await using var services = BuildServices(bootstrapPassword: "");

        await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null, TestContext.Current.CancellationToken);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
        var sites = await db.Sites.OrderBy(s => s.Code).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["CMC", "HPH", "SYH", "WCH", "WUH"], sites.Select(s => s.Code));
        Assert.Equal(5000, sites.Sum(s => s.EnrolmentTarget));
        Assert.Equal("WCH", Assert.Single(sites, s => s.IsLeadSite).Code);
        Assert.All(sites, s => Assert.Equal("Asia/Shanghai", s.TimeZoneId));
        Assert.Equal(StudyRoles.All.Count, await db.Roles.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Restart_keeps_administrator_edits_of_sites()
    {
        await using var services = BuildServices(bootstrapPassword: "");
        await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null, TestContext.Current.CancellationToken);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
            var site = await db.Sites.SingleAsync(s => s.Code == "SYH", TestContext.Current.CancellationToken);
            site.EnrolmentTarget = 650;
            db.UseAuditContext(StudyDatabaseInitializer.SystemCaller, "test edit");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await StudyDatabaseInitializer.InitializeAsync(services, TextWriter.Null, TestContext.Current.CancellationToken);

        await using var check = services.CreateAsyncScope();
        var target = await check.ServiceProvider.GetRequiredService<StudyDbContext>().Sites
            .Where(s => s.Code == "SYH").Select(s => s.EnrolmentTarget).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(650, target);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }

    private ServiceProvider BuildServices(string bootstrapPassword) =>
        Infrastructure.StudyTestDatabase.BuildServices(
            DatabaseProvider.Sqlite,
            StudyDatabase.SqliteConnectionStringFor(_directory.FullName),
            new Dictionary<string, string?> { [StudyDatabaseInitializer.BootstrapPasswordKey] = bootstrapPassword });
}
