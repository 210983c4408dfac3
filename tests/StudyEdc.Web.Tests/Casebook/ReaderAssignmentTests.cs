using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The reader-assignment page over the real adjudication service.</summary>
public sealed class ReaderAssignmentTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Coordinator_assigns_three_readers()
    {
        await SignInAsync("coordinator.assign", StudyRoles.SiteCoordinator, Sites[0].Id);
        var (lesion, readers) = await ConsensusLesionWithReadersAsync("assign");
        var page = RenderAssignment(lesion.ParticipantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=assign-1]"));

        await ChooseReadersAsync(page, readers[0], readers[1], readers[2]);
        page.Find("button[data-testid=assign-1]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=assignment-progress-1]"));
        Assert.Contains("0 of 3", page.Find("[data-testid=assignment-progress-1]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(await ProgressAsync(lesion.Id));
    }

    [Fact]
    public async Task Same_reader_twice_shows_the_rule()
    {
        await SignInAsync("coordinator.twice", StudyRoles.SiteCoordinator, Sites[0].Id);
        var (lesion, readers) = await ConsensusLesionWithReadersAsync("twice");
        var page = RenderAssignment(lesion.ParticipantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=assign-1]"));

        await ChooseReadersAsync(page, readers[0], readers[0], readers[1]);
        page.Find("button[data-testid=assign-1]").Click();

        page.WaitForAssertion(() => Assert.Equal(CrfMessages.Format("ThreeDifferentReaders", 2), page.Find("[data-testid=assignment-error]").TextContent.Trim()));
        Assert.Null(await ProgressAsync(lesion.Id));
    }

    [Fact]
    public async Task Two_readers_show_the_rule()
    {
        await SignInAsync("coordinator.two", StudyRoles.SiteCoordinator, Sites[0].Id);
        var (lesion, readers) = await ConsensusLesionWithReadersAsync("two");
        var page = RenderAssignment(lesion.ParticipantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=assign-1]"));

        await ChooseReadersAsync(page, readers[0], readers[1]);
        page.Find("button[data-testid=assign-1]").Click();

        page.WaitForAssertion(() => Assert.Equal(CrfMessages.Format("ThreeDifferentReaders", 2), page.Find("[data-testid=assignment-error]").TextContent.Trim()));
    }

    [Fact]
    public async Task Other_sites_radiologists_are_not_offered()
    {
        await SignInAsync("coordinator.offered", StudyRoles.SiteCoordinator, Sites[0].Id);
        var (lesion, _) = await ConsensusLesionWithReadersAsync("offered");
        await using (var scope = Services.CreateAsyncScope())
        {
            await StudyFixtures.CreateUserAsync(scope.ServiceProvider, "offered.elsewhere", StudyRoles.Radiologist, Sites[1].Id);
        }

        var page = RenderAssignment(lesion.ParticipantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=assign-1]"));

        var offered = page.FindComponents<MudSelectItem<string>>().Select(item => item.Instance.Value).Distinct().Count();
        Assert.Equal(3, offered);
    }

    [Fact]
    public async Task Monitor_cannot_assign()
    {
        await SignInAsync("monitor.assign", StudyRoles.Monitor, null);
        var (lesion, _) = await ConsensusLesionWithReadersAsync("monitor");

        var page = RenderAssignment(lesion.ParticipantId);

        page.WaitForAssertion(() => page.Find("[data-testid=assignment-not-allowed]"));
        Assert.Empty(page.FindAll("button[data-testid=assign-1]"));
    }

    private async Task<(Core.Lesions.LesionDetail Lesion, StudyCaller[] Readers)> ConsensusLesionWithReadersAsync(string prefix)
    {
        await using var scope = Services.CreateAsyncScope();
        var readers = await AdjudicationSetup.RadiologistsAsync(scope.ServiceProvider, prefix, Sites[0].Id);
        var lesion = await AdjudicationSetup.ConsensusLesionAsync(scope.ServiceProvider, Sites[0].Id);
        return (lesion, readers);
    }

    private async Task<AdjudicationProgress?> ProgressAsync(int lesionId)
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = await StudyFixtures.AdministratorAsync(scope.ServiceProvider);
        return await scope.ServiceProvider.GetRequiredService<IAdjudicationService>().GetProgressAsync(admin, lesionId, Cancel);
    }

    private static async Task ChooseReadersAsync(IRenderedComponent<ContainerFragment> page, params StudyCaller[] readers)
    {
        var selects = page.FindComponents<MudSelect<string>>();
        for (var slot = 0; slot < readers.Length; slot++)
        {
            var select = selects[slot];
            var userId = readers[slot].UserId;
            await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(userId));
        }
    }

    private IRenderedComponent<ContainerFragment> RenderAssignment(int participantId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<ReaderAssignment>(1);
        builder.AddAttribute(2, nameof(ReaderAssignment.ParticipantId), participantId);
        builder.CloseComponent();
    });
}
