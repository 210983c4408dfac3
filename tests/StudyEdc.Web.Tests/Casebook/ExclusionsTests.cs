using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The exclusions page over the real exclusion service.</summary>
public sealed class ExclusionsTests : StudyPageContext
{
    [Fact]
    public async Task Recorded_exclusion_is_listed()
    {
        var participantId = await CoordinatorWithParticipantAsync("coordinator.exclude");
        var page = await OpenNewExclusionAsync(participantId);
        await ChooseCriterionAsync(page, ExclusionCriterion.PoorImageQuality);
        await ChooseDateAsync(page, new DateOnly(2024, 5, 2));

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal(CrfMessages.Choice(ExclusionCriterion.PoorImageQuality),
            page.Find("[data-testid=exclusion-criterion]").TextContent.Trim()));
    }

    [Fact]
    public async Task Other_without_details_rejected_at_details()
    {
        var participantId = await CoordinatorWithParticipantAsync("coordinator.other");
        var expected = await ExpectedDetailsErrorAsync();
        var page = await OpenNewExclusionAsync(participantId);
        await ChooseCriterionAsync(page, ExclusionCriterion.Other);
        await ChooseDateAsync(page, new DateOnly(2024, 5, 2));

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains(expected, DetailsField(page).Markup, StringComparison.Ordinal));
        Assert.NotNull(page.Find("[data-testid=exclusions-empty]"));
    }

    [Fact]
    public async Task Excluded_participant_stays_listed()
    {
        var participantId = await CoordinatorWithParticipantAsync("coordinator.stays");
        var page = await OpenNewExclusionAsync(participantId);
        await ChooseCriterionAsync(page, ExclusionCriterion.ConsentWithdrawn);
        await ChooseDateAsync(page, new DateOnly(2024, 5, 2));
        page.Find("button[data-testid=save]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=exclusion-table]"));

        var list = Render<Components.Participants.ParticipantList>();

        list.WaitForAssertion(() => Assert.Single(list.FindAll($"a[href='/participants/{participantId}']")));
    }

    private async Task<int> CoordinatorWithParticipantAsync(string userName)
    {
        await SignInAsync(userName, StudyRoles.SiteCoordinator, Sites[0].Id);
        return await EnrolAsync(Sites[0].Id);
    }

    // The message Core gives for Other without details, asked of the service on a second participant.
    private async Task<string> ExpectedDetailsErrorAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        var administrator = await StudyFixtures.AdministratorAsync(scope.ServiceProvider);
        var other = await EnrolAsync(Sites[0].Id);
        var result = await scope.ServiceProvider.GetRequiredService<IExclusionService>()
            .RecordAsync(administrator, other, new ExclusionInput(ExclusionCriterion.Other, null, new DateOnly(2024, 5, 2)), Xunit.TestContext.Current.CancellationToken);
        return Assert.Single(result.Errors, e => e.Field == nameof(ExclusionInput.Details)).Message;
    }

    private async Task<IRenderedComponent<ContainerFragment>> OpenNewExclusionAsync(int participantId)
    {
        var page = Render(builder =>
        {
            builder.OpenComponent<MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudDialogProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<Exclusions>(2);
            builder.AddAttribute(3, nameof(Exclusions.ParticipantId), participantId);
            builder.CloseComponent();
        });
        page.WaitForAssertion(() => page.Find("button[data-testid=new-exclusion]"));
        await page.InvokeAsync(() => page.Find("button[data-testid=new-exclusion]").Click());
        return page;
    }

    private static Task ChooseCriterionAsync(IRenderedComponent<ContainerFragment> page, ExclusionCriterion criterion)
    {
        var select = page.FindComponent<MudSelect<ExclusionCriterion?>>();
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(criterion));
    }

    private static IRenderedComponent<CrfTextField> DetailsField(IRenderedComponent<ContainerFragment> page) =>
        page.FindComponents<CrfTextField>().Single(field => field.Instance.Field == nameof(ExclusionInput.Details));

    private static Task ChooseDateAsync(IRenderedComponent<ContainerFragment> page, DateOnly date)
    {
        var picker = page.FindComponent<MudDatePicker>();
        return page.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(date.ToDateTime(TimeOnly.MinValue)));
    }
}
