using Bunit;
using StudyEdc.Core.Analysis;
using StudyEdc.Core.Identity;
using StudyEdc.Reports.Model;
using StudyEdc.Web.Components.Pages.Reports;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Reports;

/// <summary>The accuracy report page and the analysis plan page over the real analysis service.</summary>
public sealed class ReportPagesTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    private static readonly AnalysisPlanInput Plan = new(0.5, "phantom-lesion-detector", "1.0.0", new string('c', 64), AnalysisPopulation.AllEnrolled, AnalysisLevel.Patient);

    [Fact]
    public async Task Report_shows_every_site_and_pooled()
    {
        var pi = await SignInAsync("pi.report", StudyRoles.PrincipalInvestigator, null);
        await EnrolAsync(Sites[0].Id);
        await LockAndSnapshotAsync(pi);

        var page = Render<Components.Pages.Reports.Reports>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-compute]"));
        page.Find("[data-testid=report-compute]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=report-table]"));
        Assert.Equal(Sites.Count + 1, page.FindAll("[data-testid=report-table] tbody tr").Count);
        Assert.Contains("Pooled", page.Find("[data-testid=report-row-pooled]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_links_snapshot_pdf_and_figures()
    {
        var pi = await SignInAsync("pi.links", StudyRoles.PrincipalInvestigator, null);
        await LockAndSnapshotAsync(pi);

        var page = Render<Components.Pages.Reports.Reports>();
        page.WaitForAssertion(() => page.Find("[data-testid=report-compute]"));
        page.Find("[data-testid=report-compute]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=report-pdf]"));
        Assert.Equal("/reports/accuracy.pdf?population=AllEnrolled&level=Patient&snapshot=1", page.Find("[data-testid=report-pdf]").GetAttribute("href"));
        Assert.Equal("/reports/figures/stard.png?population=AllEnrolled&level=Patient&snapshot=1", page.Find("[data-testid=report-figure-stard]").GetAttribute("src"));
    }

    [Fact]
    public async Task Unlocked_plan_shows_no_report()
    {
        await SignInAsync("pi.unlocked", StudyRoles.PrincipalInvestigator, null);

        var page = Render<Components.Pages.Reports.Reports>();

        page.WaitForAssertion(() => page.Find("[data-testid=report-plan-not-locked]"));
        Assert.Empty(page.FindAll("[data-testid=report-compute]"));
    }

    [Fact]
    public async Task Dsmc_member_gets_read_only_note()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var pi = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, "pi.for.dsmc", StudyRoles.PrincipalInvestigator, null);
            await LockAndSnapshotAsync(pi);
        }

        await SignInAsync("dsmc.report", StudyRoles.DsmcMember, null);

        var page = Render<Components.Pages.Reports.Reports>();

        page.WaitForAssertion(() => page.Find("[data-testid=report-readonly]"));
        Assert.Single(page.FindAll("[data-testid=report-compute]"));
    }

    [Fact]
    public async Task Plan_page_offers_the_lock_to_the_investigator()
    {
        var pi = await SignInAsync("pi.lock", StudyRoles.PrincipalInvestigator, null);
        await SavePlanAsync(pi);

        var page = Render<AnalysisPlanPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=analysis-lock]"));
        Assert.Contains("lock the analysis plan: decision threshold 0.5", page.Find("[data-testid=analysis-lock-meaning]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_page_is_read_only_for_dsmc()
    {
        await SignInAsync("dsmc.plan", StudyRoles.DsmcMember, null);

        var page = Render<AnalysisPlanPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=analysis-status]"));
        Assert.Empty(page.FindAll("[data-testid=analysis-save]"));
        Assert.Empty(page.FindAll("[data-testid=analysis-lock]"));
        Assert.Empty(page.FindAll("[data-testid=analysis-settings-save]"));
    }

    [Fact]
    public async Task Plan_page_shows_the_wrong_password_error()
    {
        var pi = await SignInAsync("pi.wrong", StudyRoles.PrincipalInvestigator, null);
        await SavePlanAsync(pi);
        var page = Render<AnalysisPlanPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=analysis-lock]"));

        page.Find("[data-testid=analysis-password] input, input[data-testid=analysis-password]").Change("not-my-password");
        page.Find("[data-testid=analysis-lock]").Click();

        page.WaitForAssertion(() => Assert.Contains("The password is wrong.", page.Find("[data-testid=analysis-error]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_creates_a_snapshot_from_the_plan_page()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var pi = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, "pi.for.admin", StudyRoles.PrincipalInvestigator, null);
            var plan = await SavePlanAsync(pi);
            await scope.ServiceProvider.GetRequiredService<IAnalysisService>().LockAsync(pi, StudyFixtures.UserPassword, plan.Version, Cancel);
        }

        await SignInAsync("admin.snapshot", StudyRoles.Administrator, null);
        var page = Render<AnalysisPlanPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=analysis-create-snapshot]"));

        page.Find("[data-testid=analysis-create-snapshot]").Click();

        page.WaitForAssertion(() => Assert.Equal("Snapshot 1 created.", page.Find("[data-testid=analysis-message]").TextContent.Trim()));
        Assert.Single(page.FindAll("[data-testid=analysis-snapshots] tbody tr"));
    }

    private async Task<AnalysisPlanView> SavePlanAsync(StudyCaller pi)
    {
        await using var scope = Services.CreateAsyncScope();
        var analysis = scope.ServiceProvider.GetRequiredService<IAnalysisService>();
        var current = (await analysis.GetPlanAsync(pi, Cancel)).Value!;
        var saved = await analysis.UpdatePlanAsync(pi, Plan, current.Version, Cancel);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        return saved.Value!;
    }

    private async Task LockAndSnapshotAsync(StudyCaller pi)
    {
        var plan = await SavePlanAsync(pi);
        await using var scope = Services.CreateAsyncScope();
        var analysis = scope.ServiceProvider.GetRequiredService<IAnalysisService>();
        var locked = await analysis.LockAsync(pi, StudyFixtures.UserPassword, plan.Version, Cancel);
        Assert.True(locked.Succeeded, string.Join("; ", locked.Errors.Select(e => e.Message)));
        var snapshot = await analysis.CreateSnapshotAsync(pi, Cancel);
        Assert.True(snapshot.Succeeded, string.Join("; ", snapshot.Errors.Select(e => e.Message)));
    }
}
