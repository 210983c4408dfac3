using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Verification;
using StudyEdc.Demo;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The clinical CRF page over the real clinical CRF service.</summary>
public sealed class ClinicalTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Afp_without_unit_rejected_at_unit_field()
    {
        var (coordinator, participantId) = await CoordinatorWithParticipantAsync("coordinator.afp");
        var expected = await ExpectedErrorAsync(coordinator, new ClinicalCrfInput { AfpValue = 12m }, nameof(ClinicalCrfInput.AfpUnit));
        var page = RenderClinical(participantId);
        await SetAsync(page, nameof(ClinicalCrfInput.AfpValue), 12m);

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Contains(expected, UnitSelect(page).Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Saved_afp_shows_converted_value()
    {
        var (_, participantId) = await CoordinatorWithParticipantAsync("coordinator.convert");
        var page = RenderClinical(participantId);
        await SetAsync(page, nameof(ClinicalCrfInput.AfpValue), 100m);
        await page.InvokeAsync(() => UnitSelect(page).Instance.ValueChanged.InvokeAsync(AfpUnit.InternationalUnitsPerMillilitre));

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => Assert.Equal("121", page.Find("input[data-testid=field-AfpNgPerMl]").GetAttribute("value")));
    }

    [Fact]
    public async Task Edit_of_complete_form_asks_for_reason()
    {
        var (coordinator, participantId) = await CoordinatorWithParticipantAsync("coordinator.reason");
        await SaveCompleteAsync(coordinator, participantId);
        var page = RenderClinical(participantId);
        await SetAsync(page, nameof(ClinicalCrfInput.ContrastDoseMl), 95m);

        page.Find("button[data-testid=save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=reason-input]"));
    }

    [Fact]
    public async Task Locked_form_is_read_only()
    {
        var (coordinator, participantId) = await CoordinatorWithParticipantAsync("coordinator.locked");
        await SaveCompleteAsync(coordinator, participantId);
        await using (var scope = Services.CreateAsyncScope())
        {
            var monitor = await StudyFixtures.CreateUserAsync(scope.ServiceProvider, "monitor.sdv", StudyRoles.Monitor, null);
            var administrator = await StudyFixtures.AdministratorAsync(scope.ServiceProvider);
            var status = scope.ServiceProvider.GetRequiredService<ICrfStatusService>();
            var form = (await status.ListFormsAsync(monitor, participantId, Cancel)).Single(f => f.FormKey == CrfForms.ClinicalKey);
            var verified = await status.ChangeStatusAsync(monitor, form.FormKey, form.RecordId, FormStatus.Verified, form.Version, null, Cancel);
            Assert.True(verified.Succeeded, string.Join("; ", verified.Errors.Select(e => e.Message)));
            var locked = await status.ChangeStatusAsync(administrator, form.FormKey, form.RecordId, FormStatus.Locked, verified.Value!.Version, "database lock", Cancel);
            Assert.True(locked.Succeeded, string.Join("; ", locked.Errors.Select(e => e.Message)));
        }

        var page = RenderClinical(participantId);

        page.WaitForAssertion(() => page.Find("[data-testid=read-only]"));
        Assert.Empty(page.FindAll("button[data-testid=save]"));
    }

    [Fact]
    public async Task Monitor_sees_no_save_button()
    {
        await SignInAsync("coordinator.other", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);
        await SignInAsync("monitor.clinical", StudyRoles.Monitor, null);

        var page = RenderClinical(participantId);

        page.WaitForAssertion(() => page.Find("[data-testid=read-only]"));
        Assert.Empty(page.FindAll("button[data-testid=save]"));
    }

    [Fact]
    public async Task Clinical_tab_is_marked_current()
    {
        var (_, participantId) = await CoordinatorWithParticipantAsync("coordinator.tabs");

        var page = RenderClinical(participantId);

        page.WaitForAssertion(() => Assert.Equal("page", page.Find("[data-testid=casebook-tab-Clinical]").GetAttribute("aria-current")));
        Assert.Equal($"/participants/{participantId}/lesions", page.Find("[data-testid=casebook-tab-Lesions]").GetAttribute("href"));
    }

    private async Task<(StudyCaller Coordinator, int ParticipantId)> CoordinatorWithParticipantAsync(string userName)
    {
        var coordinator = await SignInAsync(userName, StudyRoles.SiteCoordinator, Sites[0].Id);
        return (coordinator, await EnrolAsync(Sites[0].Id));
    }

    // The message Core gives for the field, asked of the service on a second participant so the page's one stays empty.
    private async Task<string> ExpectedErrorAsync(StudyCaller coordinator, ClinicalCrfInput input, string field)
    {
        await using var scope = Services.CreateAsyncScope();
        var other = await EnrolAsync(Sites[0].Id);
        var result = await scope.ServiceProvider.GetRequiredService<IClinicalCrfService>().SaveAsync(coordinator, other, input, null, null, Cancel);
        return Assert.Single(result.Errors, e => e.Field == field).Message;
    }

    private async Task SaveCompleteAsync(StudyCaller coordinator, int participantId)
    {
        await using var scope = Services.CreateAsyncScope();
        var saved = await scope.ServiceProvider.GetRequiredService<IClinicalCrfService>().SaveAsync(coordinator, participantId, DemoInputs.CompleteClinical(35m), null, null, Cancel);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.Select(e => e.Message)));
        var complete = await scope.ServiceProvider.GetRequiredService<ICrfStatusService>()
            .ChangeStatusAsync(coordinator, CrfForms.ClinicalKey, saved.Value!.Id, FormStatus.Complete, saved.Value.Version, null, Cancel);
        Assert.True(complete.Succeeded, string.Join("; ", complete.Errors.Select(e => e.Message)));
    }

    private IRenderedComponent<ContainerFragment> RenderClinical(int participantId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<MudDialogProvider>(1);
        builder.CloseComponent();
        builder.OpenComponent<Clinical>(2);
        builder.AddAttribute(3, nameof(Clinical.ParticipantId), participantId);
        builder.CloseComponent();
    });

    private static Task SetAsync(IRenderedComponent<ContainerFragment> page, string field, decimal value)
    {
        page.WaitForAssertion(() => page.Find("button[data-testid=save]"));
        var input = page.FindComponents<CrfNumberField<decimal>>().Single(f => f.Instance.Field == field);
        return page.InvokeAsync(() => input.Instance.ValueChanged.InvokeAsync(value));
    }

    private static IRenderedComponent<MudSelect<AfpUnit?>> UnitSelect(IRenderedComponent<ContainerFragment> page) =>
        page.FindComponent<MudSelect<AfpUnit?>>();
}
