using System.Globalization;
using System.Security.Claims;
using Bunit;
using Bunit.Rendering;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Services;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Participants;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Participants;

/// <summary>The participant CRF rendered with the real Core services over SQLite, signed in as a coordinator.</summary>
public sealed class ParticipantFormTests : StudyPageContext
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await SignInAsync("coordinator.form", StudyRoles.SiteCoordinator, Sites[0].Id);
    }

    [Fact]
    public void Age_17_shows_age_range_reason()
    {
        var form = RenderNewForm();

        form.FindComponent<MudNumericField<int?>>().Find("input").Input("17");

        form.WaitForAssertion(() => Assert.Contains(
            CoreMessages.IneligibilityReasonText(IneligibilityReason.AgeOutOfRange),
            form.Find("[data-testid=eligibility-reasons]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Exclusion_ticked_shows_ineligible_with_reason()
    {
        var form = RenderNewForm();

        AnswerYes(form, "field-poor-image-quality");

        form.WaitForAssertion(() =>
        {
            Assert.Equal("Ineligible", form.Find("[data-testid=eligibility-status]").TextContent.Trim());
            Assert.Contains(CoreMessages.IneligibilityReasonText(IneligibilityReason.PoorImageQuality),
                form.Find("[data-testid=eligibility-reasons]").TextContent, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Implausible_age_shows_server_message_at_field()
    {
        var form = RenderNewForm();
        form.FindComponent<MudNumericField<int?>>().Find("input").Input("150");

        // The draft save re-renders the form after a short delay, so find and click in one dispatch.
        await form.InvokeAsync(() => form.Find("button[data-testid=save]").Click());

        form.WaitForAssertion(() => Assert.Contains(
            CoreMessages.Format("AgeImplausible", 150),
            form.FindComponent<MudNumericField<int?>>().Markup, StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_form_is_not_enrolled()
    {
        var form = RenderNewForm();

        form.Find("button[data-testid=save]").Click();

        form.WaitForAssertion(() => Assert.Contains(
            CoreMessages.Format("FieldRequiredToEnrol", CoreMessages.FieldLabel(nameof(ParticipantInput.Age))),
            form.FindComponent<MudNumericField<int?>>().Markup, StringComparison.Ordinal));
        Assert.Contains(CoreMessages.Format("FieldRequiredToEnrol", CoreMessages.FieldLabel(nameof(ParticipantInput.CtExamDate))),
            form.FindComponent<MudDatePicker>().Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Typed_input_is_restored_from_draft_on_reopen()
    {
        var first = RenderNewForm();
        first.FindComponent<MudNumericField<int?>>().Find("input").Input("47");
        first.WaitForAssertion(() => first.Find("[data-testid=draft-saved]"));
        await DisposeComponentsAsync();

        var reopened = RenderNewForm();

        reopened.WaitForAssertion(() => reopened.Find("[data-testid=draft-restored]"));
        Assert.Equal("47", reopened.FindComponent<MudNumericField<int?>>().Find("input").GetAttribute("value"));
    }

    private IRenderedComponent<ContainerFragment> RenderNewForm() => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<ParticipantForm>(1);
        builder.AddAttribute(2, nameof(ParticipantForm.DraftDelay), TimeSpan.FromMilliseconds(10));
        builder.CloseComponent();
    });

    // MudRadio puts the test id on its <input type="radio"> and selects on click.
    private static void AnswerYes(IRenderedComponent<ContainerFragment> form, string testId) =>
        form.Find($"input[data-testid={testId}-yes]").Click();
}
