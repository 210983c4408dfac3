using System.Globalization;
using Bunit;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Components.Pages.Exports;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Exports;

/// <summary>The exports page over Core's export service.</summary>
public sealed class ExportsPageTests : StudyPageContext
{
    [Fact]
    public async Task Investigator_sees_every_export()
    {
        await SignInAsync("pi.exports", StudyRoles.PrincipalInvestigator, null);

        var page = Render<ExportsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=exports-table]"));
        Assert.Equal("/exports/csv?deidentified=false", page.Find("[data-testid=export-csvbundle-full]").GetAttribute("href"));
        Assert.Equal("/exports/csv?deidentified=true", page.Find("[data-testid=export-csvbundle-deidentified]").GetAttribute("href"));
        Assert.NotNull(page.Find("[data-testid=export-odm-full]"));
        Assert.NotNull(page.Find("[data-testid=export-audittrail-full]"));
    }

    [Fact]
    public async Task Dsmc_member_sees_deidentified_exports_only()
    {
        await SignInAsync("dsmc.exports", StudyRoles.DsmcMember, null);

        var page = Render<ExportsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=exports-deidentified-only]"));
        Assert.NotNull(page.Find("[data-testid=export-csvbundle-deidentified]"));
        Assert.Empty(page.FindAll("[data-testid=export-csvbundle-full]"));
        Assert.Empty(page.FindAll("[data-testid=export-audittrail-full]"));
    }

    [Fact]
    public async Task Coordinator_is_told_exports_are_not_allowed()
    {
        await SignInAsync("coordinator.exports", StudyRoles.SiteCoordinator, Sites[0].Id);

        var page = Render<ExportsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=exports-not-allowed]"));
        Assert.Empty(page.FindAll("[data-testid=exports-table]"));
    }

    [Fact]
    public async Task Page_is_in_Chinese_for_zh_CN()
    {
        await SignInAsync("pi.chinese", StudyRoles.PrincipalInvestigator, null);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var page = Render<ExportsPage>();

        page.WaitForAssertion(() => page.Find("[data-testid=exports-table]"));
        Assert.Contains("数据导出", page.Markup, StringComparison.Ordinal);
        Assert.Contains("去标识化（DSMC）", page.Find("[data-testid=export-csvbundle-deidentified]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checked_site_narrows_download_links()
    {
        await SignInAsync("pi.sites", StudyRoles.PrincipalInvestigator, null);
        var page = Render<ExportsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=exports-table]"));

        page.Find($"input[data-testid=export-site-{Sites[1].Code}]").Change(true);

        page.WaitForAssertion(() => Assert.Equal(
            $"/exports/odm?deidentified=true&sites={Sites[1].Code}",
            page.Find("[data-testid=export-odm-deidentified]").GetAttribute("href")));
    }
}
