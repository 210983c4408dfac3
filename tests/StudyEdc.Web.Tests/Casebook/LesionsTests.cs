using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Queries;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Pages.Casebook;

using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The lesion CRF page, with Core's reference-standard rules shown at the fields.</summary>
public sealed class LesionsTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Short_follow_up_rejected_at_field()
    {
        var first = new DateOnly(2025, 1, 10);
        var second = new DateOnly(2025, 4, 10);
        var page = await EnterBenignFollowUpAsync("coordinator.lesion", first, second);

        page.Find("button[data-testid=save]").Click();

        var expected = CrfMessages.Format("FollowUpTooShort", CrfMessages.Date(first), CrfMessages.Date(second),
            second.DayNumber - first.DayNumber, 6, CrfMessages.Date(first.AddMonths(6)));
        page.WaitForAssertion(() => Assert.Contains(expected, DatePickers(page)[1].Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rejected_lesion_is_not_listed()
    {
        var page = await EnterBenignFollowUpAsync("coordinator.rejected", new DateOnly(2025, 1, 10), new DateOnly(2025, 2, 10));

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(DatePickers(page)[1].FindAll(".mud-input-error")));
        Assert.NotNull(page.Find("[data-testid=lesions-empty]"));
    }

    [Fact]
    public async Task Field_with_an_open_query_is_marked()
    {
        var coordinator = await SignInAsync("coordinator.lesion-query", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);
        await using (var scope = Services.CreateAsyncScope())
        {
            var lesion = await scope.ServiceProvider.GetRequiredService<ILesionService>().CreateAsync(coordinator, participantId,
                new LesionInput { LesionNumber = 1, CouinaudSegment = CouinaudSegment.VI, LongestDiameterMm = 21m }, Cancel);
            Assert.True(lesion.Succeeded, string.Join("; ", lesion.Errors.Select(e => e.Message)));
            var monitor = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, "monitor.lesion-query", StudyRoles.Monitor, null);
            var opened = await scope.ServiceProvider.GetRequiredService<IQueryService>().OpenAsync(monitor,
                new NewQuery(CrfForms.LesionKey, lesion.Value!.Id, nameof(LesionInput.LongestDiameterMm), "The CT report gives 19 mm."), Cancel);
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors.Select(e => e.Message)));
        }

        var page = RenderLesions(participantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=open-lesion-1]"));
        page.Find("button[data-testid=open-lesion-1]").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-queried=true]")));
        Assert.NotNull(page.Find("[data-queried=true]").QuerySelector("[data-testid=field-LongestDiameterMm]"));
    }

    // Opens a new lesion of a new participant and fills a benign nature proven by follow-up on the two dates.
    private async Task<IRenderedComponent<ContainerFragment>> EnterBenignFollowUpAsync(string userName, DateOnly first, DateOnly second)
    {
        await SignInAsync(userName, StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);
        var page = RenderLesions(participantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=new-lesion]"));
        page.Find("button[data-testid=new-lesion]").Click();
        await ChooseAsync(page, LesionNature.Benign);
        await ChooseAsync(page, ReferenceStandardMethod.FollowUp);
        await ChooseDateAsync(page, 0, first);
        await ChooseDateAsync(page, 1, second);
        return page;
    }

    private IRenderedComponent<ContainerFragment> RenderLesions(int participantId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<Lesions>(1);
        builder.AddAttribute(2, nameof(Lesions.ParticipantId), participantId);
        builder.CloseComponent();
    });

    private static Task ChooseAsync<TEnum>(IRenderedComponent<ContainerFragment> page, TEnum value)
        where TEnum : struct, Enum
    {
        var select = page.FindComponent<MudSelect<TEnum?>>();
        return page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(value));
    }

    private static Task ChooseDateAsync(IRenderedComponent<ContainerFragment> page, int index, DateOnly date)
    {
        var picker = DatePickers(page)[index];
        return page.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(date.ToDateTime(TimeOnly.MinValue)));
    }

    private static IReadOnlyList<IRenderedComponent<MudDatePicker>> DatePickers(IRenderedComponent<ContainerFragment> page) =>
        page.FindComponents<MudDatePicker>();
}
