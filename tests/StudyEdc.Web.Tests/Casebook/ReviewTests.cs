using System.Globalization;
using Bunit;
using Bunit.Rendering;
using MudBlazor;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Verification;
using StudyEdc.Web.Components.Pages.Casebook;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Casebook;

/// <summary>The casebook review page: status changes per form, locking and the e-signature, over the real services.</summary>
public sealed class ReviewTests : StudyPageContext
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Monitor_verifies_complete_participant_form()
    {
        var monitor = await SignInAsync("monitor.review", StudyRoles.Monitor, null);
        var participantId = await CompleteParticipantAsync();
        var page = RenderReview(participantId);
        var verify = $"button[data-testid=to-Verified-{CrfForms.ParticipantKey}-{participantId}]";
        page.WaitForAssertion(() => page.Find(verify));

        page.Find(verify).Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll(verify)));
        Assert.Equal(FormStatus.Verified, (await FormsAsync(monitor, participantId)).Single(f => f.FormKey == CrfForms.ParticipantKey).Status);
    }

    [Fact]
    public async Task Coordinator_has_no_sign_button()
    {
        await SignInAsync("coordinator.review", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await CompleteParticipantAsync();

        var page = RenderReview(participantId);

        page.WaitForAssertion(() => page.Find("[data-testid=signature-panel]"));
        Assert.Empty(page.FindAll("button[data-testid=sign]"));
        Assert.Empty(page.FindAll("[data-testid=lock-panel]"));
    }

    [Fact]
    public async Task Investigator_sees_the_meaning_before_signing()
    {
        await SignInAsync("pi.meaning", StudyRoles.PrincipalInvestigator, null);
        var participantId = await CompleteParticipantAsync();

        var page = RenderReview(participantId);

        page.WaitForAssertion(() => Assert.Contains("pi.meaning", page.Find("[data-testid=signature-meaning]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Wrong_password_shows_the_rule()
    {
        await SignInAsync("pi.wrongpassword", StudyRoles.PrincipalInvestigator, null);
        var participantId = await CompleteParticipantAsync();
        var page = RenderReview(participantId);
        page.WaitForAssertion(() => page.Find("[data-testid=signature-password]"));

        var password = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.InputType == InputType.Password);
        await page.InvokeAsync(() => password.Instance.ValueChanged.InvokeAsync("not-my-password"));
        page.Find("button[data-testid=sign]").Click();

        page.WaitForAssertion(() => Assert.Equal(CrfMessages.Get("SignaturePasswordWrong"), page.Find("[data-testid=review-error]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=signature-list]"));
    }

    [Fact]
    public async Task Lock_of_unverified_casebook_is_rejected()
    {
        var pi = await SignInAsync("pi.lock", StudyRoles.PrincipalInvestigator, null);
        var participantId = await CompleteParticipantAsync();
        var page = RenderReview(participantId);
        page.WaitForAssertion(() => page.Find("button[data-testid=lock-casebook]"));

        var reason = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.InputType != InputType.Password);
        await page.InvokeAsync(() => reason.Instance.ValueChanged.InvokeAsync("Database lock for the interim analysis"));
        page.Find("button[data-testid=lock-casebook]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=review-error]"));
        Assert.DoesNotContain(await FormsAsync(pi, participantId), f => f.Status == FormStatus.Locked);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Voided_by_line_shows_localized_labels(string cultureName)
    {
        var culture = new CultureInfo(cultureName);
        var pi = await SignInAsync("pi.voided", StudyRoles.PrincipalInvestigator, null);
        int participantId;
        await using (var scope = Services.CreateAsyncScope())
        {
            participantId = await AdjudicationSetup.ReadyCasebookAsync(scope.ServiceProvider, Sites[0].Id);
            var signed = await scope.ServiceProvider.GetRequiredService<ISignatureService>().SignAsync(pi, participantId, StudyFixtures.UserPassword, Cancel);
            Assert.True(signed.Succeeded, string.Join("; ", signed.Errors.Select(e => e.Message)));
            var admin = await StudyFixtures.AdministratorAsync(scope.ServiceProvider);
            var lesions = scope.ServiceProvider.GetRequiredService<ILesionService>();
            var lesion = Assert.Single(await lesions.ListAsync(admin, participantId, Cancel));
            var changed = await lesions.UpdateAsync(admin, lesion.Id, lesion.Values with { LongestDiameterMm = 13m }, lesion.Version, "Remeasured on the portal-venous phase", Cancel);
            Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Message)));
        }

        CultureInfo.CurrentUICulture = culture;

        var page = RenderReview(participantId);

        page.WaitForAssertion(() => page.Find("[data-testid=signature-voided]"));
        var voidedBy = page.Find("[data-testid=signature-voided-by]").TextContent;
        Assert.Contains("admin", voidedBy, StringComparison.Ordinal);
        Assert.Contains(CrfForms.Lesion.Label(culture), voidedBy, StringComparison.Ordinal);
        Assert.Contains(CrfForms.Lesion.Find(nameof(LesionInput.LongestDiameterMm))!.Label(culture), voidedBy, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(LesionInput.LongestDiameterMm), voidedBy, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=signature-valid]"));
        Assert.NotEmpty(page.FindAll("button[data-testid=sign]"));
    }

    [Fact]
    public async Task Other_sites_participant_is_not_found()
    {
        await SignInAsync("coordinator.othersite", StudyRoles.SiteCoordinator, Sites[1].Id);
        var participantId = await CompleteParticipantAsync();

        var page = RenderReview(participantId);

        page.WaitForAssertion(() => page.Find("[data-testid=review-not-found]"));
    }

    private async Task<int> CompleteParticipantAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await AdjudicationSetup.CompleteParticipantAsync(scope.ServiceProvider, Sites[0].Id);
    }

    private async Task<IReadOnlyList<CasebookForm>> FormsAsync(StudyCaller caller, int participantId)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ICrfStatusService>().ListFormsAsync(caller, participantId, Cancel);
    }

    private IRenderedComponent<ContainerFragment> RenderReview(int participantId) => Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<Review>(1);
        builder.AddAttribute(2, nameof(Review.ParticipantId), participantId);
        builder.CloseComponent();
    });
}
