using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyEdc.Core;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Verification;
using StudyEdc.Demo;
using StudyEdc.EndToEnd.Tests.Infrastructure;

namespace StudyEdc.EndToEnd.Tests.Casebook;

/// <summary>
/// A benign lesion from entry to the signed casebook in the browser. The coordinator enters the lesion and assigns
/// three readers, and each radiologist reads blinded. The PI records the consensus, the coordinator completes the
/// lesion, the Monitor verifies every form and the PI signs. The participant and clinical forms are prepared
/// through Core, because other browser tests cover their pages.
/// </summary>
public sealed class LesionAdjudicationTests(StudyEdcFixture study)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Lesion_goes_from_entry_to_signed_casebook()
    {
        var (participantId, studyId) = await PrepareCasebookAsync();
        var lesionsPath = $"/participants/{participantId}/lesions";
        var assignmentPath = $"/participants/{participantId}/adjudication";
        var reviewPath = $"/participants/{participantId}/review";
        var lesionStatus = $"[data-testid^=form-status-{CrfForms.LesionKey}-]";

        // The coordinator enters the lesion and assigns three radiologists of the site.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync(lesionsPath);
            await coordinator.Page.Locator("button[data-testid=new-lesion]").ClickAsync();
            await coordinator.Input("field-LesionNumber").FillAsync("1");
            await coordinator.ChooseAsync("field-CouinaudSegment", CouinaudSegment.II);
            await coordinator.Input("field-LongestDiameterMm").FillAsync("15");
            await coordinator.ChooseAsync("field-Nature", LesionNature.Benign);
            await coordinator.ChooseAsync("field-ReferenceStandard", ReferenceStandardMethod.Consensus);
            await coordinator.ScreenshotAsync("lesion-entered");
            await coordinator.Page.Locator("button[data-testid=save]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=open-lesion-1]").WaitForAsync();
            await coordinator.ScreenshotAsync("lesion-saved");

            await coordinator.GotoAsync(assignmentPath);
            await coordinator.ChooseAsync("reader-1-1", TestUsers.Radiologist1.UserName);
            await coordinator.ChooseAsync("reader-1-2", TestUsers.Radiologist2.UserName);
            await coordinator.ChooseAsync("reader-1-3", TestUsers.Radiologist3.UserName);
            await coordinator.ScreenshotAsync("readers-chosen");
            await coordinator.Page.Locator("button[data-testid=assign-1]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=assignment-progress-1]").WaitForAsync();
            await coordinator.ScreenshotAsync("readers-assigned");
        });

        // Each radiologist reads independently; the LI-RADS categories differ, so the consensus has work to do.
        await ReadAsync(TestUsers.Radiologist1, studyId, LiRadsCategory.Lr2);
        await ReadAsync(TestUsers.Radiologist2, studyId, LiRadsCategory.Lr2);
        await ReadAsync(TestUsers.Radiologist3, studyId, LiRadsCategory.Lr3);

        // The PI opens the three reads side by side and records the consensus.
        var readRows = 0;
        var consensusResult = "";
        await study.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync(assignmentPath);
            await pi.Page.Locator("[data-testid=consensus-link-1]").ClickAsync();
            await pi.Page.Locator("[data-testid=consensus-record]").WaitForAsync();
            await pi.WaitForCircuitAsync();
            readRows = await pi.Page.Locator("[data-testid=consensus-reads] tbody tr").CountAsync();
            await pi.ChooseAsync("field-ConsensusNature", LesionNature.Benign);
            await pi.ChooseAsync("field-ConsensusLiRads", LiRadsCategory.Lr2);
            await pi.Input("field-ConsensusNote").FillAsync("Two of three readers chose LR-2; typical haemangioma enhancement.");
            await pi.ScreenshotAsync("consensus-form");
            await pi.Page.Locator("button[data-testid=record-consensus]").ClickAsync();
            consensusResult = await pi.Page.Locator("[data-testid=consensus-result]").InnerTextAsync();
            await pi.ScreenshotAsync("consensus-recorded");
        });

        // The coordinator completes the lesion but has no sign button, and the server rejects a signature anyway.
        var coordinatorSignButtons = -1;
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync(reviewPath);
            await coordinator.Page.Locator($"[data-testid^=to-{FormStatus.Complete}-{CrfForms.LesionKey}-]").ClickAsync();
            await coordinator.Page.Locator(lesionStatus).Filter(new LocatorFilterOptions { HasText = "已完成" }).WaitForAsync();
            coordinatorSignButtons = await coordinator.Page.Locator("[data-testid=sign]").CountAsync();
            await coordinator.ScreenshotAsync("coordinator-review");
        });
        var coordinatorAttempt = await study.Database.RunAsAsync(TestUsers.Coordinator,
            (services, caller) => services.GetRequiredService<ISignatureService>().SignAsync(caller, participantId, TestUsers.Password, Cancel), Cancel);

        // The Monitor verifies every form against the source documents.
        await study.RunInBrowserAsync(async monitor =>
        {
            await monitor.SignInAsync(TestUsers.Monitor);
            await monitor.GotoAsync(reviewPath);
            var verify = monitor.Page.Locator($"[data-testid^=to-{FormStatus.Verified}-]");
            for (var remaining = await verify.CountAsync(); remaining > 0; remaining--)
            {
                await verify.First.ClickAsync();
                await verify.Nth(remaining - 1).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
            }

            await monitor.ScreenshotAsync("monitor-verified");
        });

        // The PI first mistypes the password, then signs with the meaning shown.
        var wrongPasswordError = "";
        var signatureStatus = "";
        await study.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync(reviewPath);
            await pi.Page.Locator("[data-testid=signature-meaning]").WaitForAsync();
            await pi.Input("signature-password").FillAsync("not-the-password");
            await pi.Page.Locator("button[data-testid=sign]").ClickAsync();
            wrongPasswordError = await pi.Page.Locator("[data-testid=review-error]").InnerTextAsync();
            await pi.ScreenshotAsync("signature-wrong-password");

            await pi.Input("signature-password").FillAsync(TestUsers.Password);
            await pi.Page.Locator("button[data-testid=sign]").ClickAsync();
            signatureStatus = await pi.Page.Locator("[data-testid=signature-valid]").InnerTextAsync();
            await pi.ScreenshotAsync("casebook-signed");
        });

        var forms = await study.Database.RunAsAsync(TestUsers.PrincipalInvestigator,
            (services, caller) => services.GetRequiredService<ICrfStatusService>().ListFormsAsync(caller, participantId, Cancel), Cancel);
        Assert.Equal(3, readRows);
        Assert.Contains("良性", consensusResult, StringComparison.Ordinal);
        Assert.Equal(0, coordinatorSignButtons);
        Assert.Equal(ServiceFailure.Forbidden, coordinatorAttempt.Failure);
        Assert.NotEmpty(wrongPasswordError);
        Assert.Equal("有效", signatureStatus.Trim());
        Assert.All(forms, form => Assert.Equal(FormStatus.Verified, form.Status));
    }

    /// <summary>Signs in as <paramref name="reader"/> and submits a benign read of the participant's lesion.</summary>
    private async Task ReadAsync(TestUser reader, string studyId, LiRadsCategory category)
    {
        await study.RunInBrowserAsync(async session =>
        {
            await session.SignInAsync(reader);
            await session.GotoAsync("/reads");
            await session.Page.Locator("tr", new PageLocatorOptions { HasText = studyId }).Locator("[data-testid^=open-read-]").ClickAsync();
            await session.Page.Locator("[data-testid=read-form]").WaitForAsync();
            await session.ChooseAsync("field-Nature", LesionNature.Benign);
            await session.ChooseAsync("field-LiRadsCategory", category);
            await session.Input("field-Confidence").FillAsync("4");
            await session.Page.Locator("button[data-testid=submit-read]").ClickAsync();
            await session.Page.Locator("[data-testid=reading-time]").WaitForAsync();
            await session.ScreenshotAsync("read-" + reader.UserName);
        });
    }

    /// <summary>Enrols a participant at the coordinator's site with complete participant and clinical forms.</summary>
    private async Task<(int ParticipantId, string StudyId)> PrepareCasebookAsync()
    {
        var database = await study.GetDatabaseAsync();
        return await database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
        {
            var participants = services.GetRequiredService<IParticipantService>();
            var created = Succeeded(await participants.CreateAsync(caller, caller.SiteId!.Value, DemoInputs.EligibleParticipant(58, Sex.Male, new DateOnly(2026, 10, 12)), Cancel));
            Succeeded(await participants.ChangeStatusAsync(caller, created.Id, FormStatus.Complete, created.Version, null, Cancel));

            var clinical = Succeeded(await services.GetRequiredService<IClinicalCrfService>().SaveAsync(caller, created.Id, DemoInputs.CompleteClinical(8.2m), null, null, Cancel));
            Succeeded(await services.GetRequiredService<ICrfStatusService>().ChangeStatusAsync(
                caller, CrfForms.ClinicalKey, clinical.Id, FormStatus.Complete, clinical.Version, null, Cancel));
            return (created.Id, created.StudyId);
        }, Cancel);
    }

    private static T Succeeded<T>(ServiceResult<T> result)
    {
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}")));
        return result.Value!;
    }
}
