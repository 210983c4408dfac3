using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Queries;
using StudyEdc.Reports;
using StudyEdc.Reports.Model;

namespace StudyEdc.Demo.Tests;

/// <summary>The demo seed over one fresh SQLite database, checked through the database and the Core services.</summary>
public sealed class DemoSeedTests(SeededDemoStudy demo) : IClassFixture<SeededDemoStudy>
{
    private static readonly string[] SiteCodes = ["WCH", "HPH", "SYH", "CMC", "WUH"];

    [Fact]
    public void Seed_succeeds()
    {
        Assert.True(demo.Result.Succeeded, string.Join(" ", demo.Result.Errors.Select(e => e.Message)));
    }

    [Theory]
    [InlineData(StudyRoles.SiteCoordinator, 1)]
    [InlineData(StudyRoles.Radiologist, 3)]
    public async Task Site_roles_have_users_at_every_site(string role, int perSite)
    {
        var users = await UsersInRoleAsync(role);

        foreach (var code in SiteCodes)
        {
            Assert.Equal(perSite, users.Count(u => u.SiteCode == code));
        }

        Assert.DoesNotContain(users, u => u.SiteCode is null);
    }

    [Theory]
    [InlineData(StudyRoles.Administrator)]
    [InlineData(StudyRoles.PrincipalInvestigator)]
    [InlineData(StudyRoles.Monitor)]
    [InlineData(StudyRoles.DsmcMember)]
    public async Task All_site_roles_have_one_user_without_site(string role)
    {
        var users = await UsersInRoleAsync(role);

        var user = Assert.Single(users);
        Assert.Null(user.SiteCode);
    }

    [Fact]
    public async Task Every_site_enrols_the_configured_participants()
    {
        var perSite = await demo.WithScopeAsync(services =>
        {
            var db = services.GetRequiredService<StudyDbContext>();
            return (
                    from participant in db.Participants
                    join site in db.Sites on participant.SiteId equals site.Id
                    group participant by site.Code into bySite
                    select new { Code = bySite.Key, Count = bySite.Count() })
                .ToListAsync(TestContext.Current.CancellationToken);
        });

        Assert.Equal(SiteCodes.Order(StringComparer.Ordinal), perSite.Select(s => s.Code).Order(StringComparer.Ordinal));
        Assert.All(perSite, s => Assert.Equal(SeededDemoStudy.ParticipantsPerSite, s.Count));
    }

    [Fact]
    public async Task Site_exams_finish_their_model_run()
    {
        var jobs = await demo.WithScopeAsync(services => services.GetRequiredService<StudyDbContext>().Set<InferenceJob>().AsNoTracking()
            .ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SiteCodes.Length * SeededDemoStudy.ExamsPerSite, demo.Report.Exams);
        Assert.Equal(demo.Report.Exams, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(InferenceJobStatus.Succeeded, j.Status));
    }

    [Fact]
    public async Task Demo_users_sign_in_with_the_configured_password()
    {
        var passwordAccepted = await demo.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<StudyUser>>();
            var coordinator = await users.FindByNameAsync("wch-coordinator");
            return coordinator is not null && !coordinator.MustChangePassword && await users.CheckPasswordAsync(coordinator, DemoSettings.Password);
        });

        Assert.True(passwordAccepted);
    }

    [Fact]
    public async Task Signed_casebooks_hold_a_valid_signature()
    {
        var signatures = await demo.WithScopeAsync(services => services.GetRequiredService<StudyDbContext>().Set<Core.Signatures.CasebookSignature>()
            .AsNoTracking().CountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SiteCodes.Length, demo.Report.Signatures);
        Assert.Equal(demo.Report.Signatures, signatures);
    }

    [Fact]
    public async Task Consensus_is_concluded_at_every_site()
    {
        var concluded = await demo.WithScopeAsync(services => services.GetRequiredService<StudyDbContext>().Set<AdjudicationCase>()
            .AsNoTracking().Where(c => c.Status == AdjudicationStatus.Concluded).CountAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SiteCodes.Length, concluded);
    }

    [Fact]
    public async Task Queries_are_left_open_and_closed()
    {
        var statuses = await demo.WithScopeAsync(services => services.GetRequiredService<StudyDbContext>().Set<DataQuery>()
            .AsNoTracking().Where(q => !q.IsAutomatic).Select(q => q.Status).ToListAsync(TestContext.Current.CancellationToken));

        Assert.Equal(SiteCodes.Length, statuses.Count(s => s == QueryStatus.Closed));
        Assert.Equal(SiteCodes.Length, statuses.Count(s => s == QueryStatus.Open));
    }

    [Fact]
    public async Task Report_of_snapshot_one_has_every_site()
    {
        var report = await demo.WithScopeAsync(async services =>
        {
            var caller = (await services.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(
                (await services.GetRequiredService<UserManager<StudyUser>>().FindByNameAsync("investigator"))!.Id, TestContext.Current.CancellationToken))!;
            return await services.GetRequiredService<IAnalysisService>().BuildReportAsync(caller,
                new AccuracyReportRequest(1, AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion, null, ReportLanguage.En), TestContext.Current.CancellationToken);
        });

        Assert.True(report.Succeeded, string.Join(" ", report.Errors.Select(e => e.Message)));
        Assert.Equal(SiteCodes.Length, report.Value!.Sites.Count);
    }

    [Fact]
    public async Task Audit_chain_verifies_after_the_seed()
    {
        var verification = await demo.WithScopeAsync(services => services.GetRequiredService<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken));

        Assert.True(verification.IsIntact, verification.Problem);
        Assert.True(verification.EntriesChecked > 0);
    }

    [Fact]
    public void Configured_password_is_not_printed()
    {
        Assert.DoesNotContain(DemoSettings.Password, demo.Output, StringComparison.Ordinal);
        Assert.Contains("wch-radiologist-3", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_seed_is_rejected()
    {
        using var console = new StringWriter(CultureInfo.InvariantCulture);

        var second = await DemoStudy.SeedAsync(demo.Services, console, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, second.Failure);
        Assert.Equal("DatabaseNotEmpty", Assert.Single(second.Errors).Code);
        Assert.Equal(SiteCodes.Length * SeededDemoStudy.ParticipantsPerSite, await ParticipantCountAsync());
    }

    [Fact]
    public async Task Rejection_message_is_chinese_under_zh_cn()
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            using var console = new StringWriter(CultureInfo.InvariantCulture);

            var second = await DemoStudy.SeedAsync(demo.Services, console, TestContext.Current.CancellationToken);

            var expected = $"数据库中已有 {SiteCodes.Length * SeededDemoStudy.ParticipantsPerSite} 名受试者，因此未写入演示研究。";
            Assert.StartsWith(expected, Assert.Single(second.Errors).Message, StringComparison.Ordinal);
            Assert.StartsWith(expected, console.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    private Task<int> ParticipantCountAsync() =>
        demo.WithScopeAsync(services => services.GetRequiredService<StudyDbContext>().Participants.CountAsync(TestContext.Current.CancellationToken));

    private Task<List<UserAtSite>> UsersInRoleAsync(string role) => demo.WithScopeAsync(services =>
    {
        var db = services.GetRequiredService<StudyDbContext>();
        return (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join studyRole in db.Roles on userRole.RoleId equals studyRole.Id
                where studyRole.Name == role
                select new UserAtSite(user.UserName!, db.Sites.Where(s => s.Id == user.SiteId).Select(s => s.Code).FirstOrDefault()))
            .ToListAsync(TestContext.Current.CancellationToken);
    });

    private sealed record UserAtSite(string UserName, string? SiteCode);
}
