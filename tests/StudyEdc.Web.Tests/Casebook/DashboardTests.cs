using Bunit;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Components.Pages.Casebook;

using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The dashboard page over Core's dashboard service.</summary>
public sealed class DashboardTests : StudyPageContext
{
    [Fact]
    public async Task Investigator_sees_enrolment_per_site()
    {
        await SignInAsync("pi.dashboard", StudyRoles.PrincipalInvestigator, null);
        var enrolled = new Dictionary<string, int> { [Sites[0].Code] = 2, [Sites[1].Code] = 1 };
        foreach (var (code, count) in enrolled)
        {
            for (var i = 0; i < count; i++)
            {
                await EnrolAsync(Sites.Single(s => s.Code == code).Id);
            }
        }

        var page = Render<Dashboard>();

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2", page.Find($"[data-testid=enrolled-{Sites[0].Code}]").TextContent.Trim());
            Assert.Equal("1", page.Find($"[data-testid=enrolled-{Sites[1].Code}]").TextContent.Trim());
        });
    }

    [Fact]
    public async Task Coordinator_sees_only_own_site()
    {
        await SignInAsync("coordinator.dashboard", StudyRoles.SiteCoordinator, Sites[0].Id);
        await EnrolAsync(Sites[1].Id);

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find($"[data-testid=site-{Sites[0].Code}]"));
        Assert.Empty(page.FindAll($"[data-testid=site-{Sites[1].Code}]"));
    }

    [Fact]
    public async Task Coordinator_work_list_names_missing_lesions()
    {
        await SignInAsync("coordinator.worklist", StudyRoles.SiteCoordinator, Sites[0].Id);
        await EnrolAsync(Sites[0].Id);

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.Contains("No lesion is recorded.", page.Find("[data-testid=work-list]").TextContent, StringComparison.Ordinal));
    }
}
