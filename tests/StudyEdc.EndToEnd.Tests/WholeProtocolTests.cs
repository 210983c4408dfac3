using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyEdc.Core;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.EndToEnd.Tests.Infrastructure;

namespace StudyEdc.EndToEnd.Tests;

/// <summary>
/// The protocol across roles in the browser, in the default Chinese UI, for the steps that the other browser tests
/// do not walk. The coordinator enters enrolment, the clinical CRF and a lesion on the shared host. A query on the
/// participant form is opened, responded to and closed, and the form is verified. The PI and the DSMC open their
/// pages, and site scoping, blinding and read-only roles refuse the rest.
/// </summary>
public sealed partial class WholeProtocolTests(StudyEdcFixture study)
{
    /// <summary>A scanner model that only the participant of the blinding test has, so finding it on a page means a leak.</summary>
    private const string ProbeScannerModel = "Aquilion ONE Prism";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Participant_goes_from_enrolment_to_verification()
    {
        var participantId = 0;
        var studyId = "";
        var participantStatus = "";
        var lesionRows = 0;
        var queryStatus = "";
        var verifiedStatus = "";
        var ageLabel = CrfForms.Participant.Find(nameof(ParticipantInput.Age))!.LabelZh;

        // The coordinator enrols through the participant form, completes it, fills the clinical CRF and adds a lesion.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync("/participants/new");
            await coordinator.Input("field-age").FillAsync("63");
            await coordinator.ChooseAsync("field-sex", Sex.Female);
            await coordinator.FillDateAsync("field-ct-exam-date", new DateOnly(2026, 9, 14));
            await coordinator.Page.Locator("input[data-testid=field-no-prior-treatment-yes]").CheckAsync();
            await coordinator.Page.Locator("input[data-testid=field-reference-standard-yes]").CheckAsync();
            await coordinator.Page.Locator("input[data-testid=field-poor-image-quality-no]").CheckAsync();
            await coordinator.Page.Locator("input[data-testid=field-previous-surgery-no]").CheckAsync();
            await coordinator.Page.Locator("input[data-testid=field-detection-box-mismatch-no]").CheckAsync();
            await coordinator.Page.Locator("input[data-testid=field-phase-missing-no]").CheckAsync();
            await coordinator.ScreenshotAsync("enrolment-form");
            await coordinator.Page.Locator("button[data-testid=save]").ClickAsync();
            await coordinator.Page.WaitForURLAsync(ParticipantUrl(), BrowserSession.AfterNavigation);

            // The URL changes before the saved participant is loaded; its audit link appears only once it is.
            await coordinator.Page.Locator("[data-testid=audit-link]").WaitForAsync();
            participantId = int.Parse(ParticipantUrl().Match(coordinator.Page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
            studyId = await coordinator.Page.Locator("[data-testid=participant-title]").InnerTextAsync();
            await coordinator.Page.Locator("button[data-testid=status-Complete]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=status-chip]", new PageLocatorOptions { HasText = "已完成" }).WaitForAsync();
            participantStatus = await coordinator.Page.Locator("[data-testid=status-chip]").InnerTextAsync();
            await coordinator.ScreenshotAsync("participant-complete");

            await coordinator.GotoAsync($"/participants/{participantId}/clinical");
            await FillClinicalAsync(coordinator);
            await coordinator.Page.Locator("button[data-testid=save]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=query-panel-empty]").WaitForAsync();
            await coordinator.ScreenshotAsync("clinical-saved");

            await coordinator.GotoAsync($"/participants/{participantId}/lesions");
            await coordinator.Page.Locator("button[data-testid=new-lesion]").ClickAsync();
            await coordinator.Input("field-LesionNumber").FillAsync("1");
            await coordinator.ChooseAsync("field-CouinaudSegment", CouinaudSegment.VI);
            await coordinator.Input("field-LongestDiameterMm").FillAsync("22");
            await coordinator.Page.Locator("button[data-testid=save]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=open-lesion-1]").WaitForAsync();
            lesionRows = await coordinator.Page.Locator("[data-testid=lesion-table] tbody tr").CountAsync();
            await coordinator.ScreenshotAsync("lesion-saved");
        });
        var participantPath = $"/participants/{participantId}";

        // The Monitor queries the age on the participant form.
        await study.RunInBrowserAsync(async monitor =>
        {
            await monitor.SignInAsync(TestUsers.Monitor);
            await monitor.GotoAsync(participantPath);
            await monitor.ChooseAsync("query-new-field", ageLabel);
            await monitor.Input("query-new-text").FillAsync("病历记录的年龄与 CT 检查单不一致，请核实。");
            await monitor.Page.Locator("button[data-testid=query-open]").ClickAsync();
            await monitor.Page.Locator("[data-testid=query-thread]").WaitForAsync();
            await monitor.ScreenshotAsync("query-opened");
        });

        // The coordinator responds from the query panel of the same form.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync(participantPath);
            await coordinator.Page.Locator("[data-testid=query-Age]").ClickAsync();
            await coordinator.Input("query-text").FillAsync("已核对 CT 检查单，年龄 63 岁无误。");
            await coordinator.Page.Locator("button[data-testid=query-respond]").ClickAsync();
            await coordinator.Page.Locator("[data-testid=query-thread] [data-testid=query-message]").Nth(1).WaitForAsync();
            await coordinator.ScreenshotAsync("query-answered");
        });

        // The Monitor closes the query and verifies the participant form against the source documents.
        await study.RunInBrowserAsync(async monitor =>
        {
            await monitor.SignInAsync(TestUsers.Monitor);
            await monitor.GotoAsync(participantPath);
            await monitor.Page.Locator("[data-testid=query-Age]").ClickAsync();
            await monitor.Input("query-text").FillAsync("已核对，关闭。");
            await monitor.Page.Locator("button[data-testid=query-close]").ClickAsync();
            var threadStatus = monitor.Page.Locator("[data-testid=query-thread] [data-testid=query-status]");
            await threadStatus.Filter(new LocatorFilterOptions { HasText = "已关闭" }).WaitForAsync();
            queryStatus = await threadStatus.InnerTextAsync();
            await monitor.ScreenshotAsync("query-closed");

            await monitor.GotoAsync($"{participantPath}/review");
            var formId = $"{CrfForms.ParticipantKey}-{participantId}";
            await monitor.Page.Locator($"button[data-testid=to-{FormStatus.Verified}-{formId}]").ClickAsync();
            var formStatus = monitor.Page.Locator($"[data-testid=form-status-{formId}]");
            await formStatus.Filter(new LocatorFilterOptions { HasText = "已核查" }).WaitForAsync();
            verifiedStatus = await formStatus.InnerTextAsync();
            await monitor.ScreenshotAsync("participant-verified");
        });

        Assert.Matches(StudyIdPattern(), studyId);
        Assert.Equal("已完成", participantStatus.Trim());
        Assert.Equal(1, lesionRows);
        Assert.Equal("已关闭", queryStatus.Trim());
        Assert.Equal("已核查", verifiedStatus.Trim());
    }

    [Fact]
    public async Task Pi_and_dsmc_open_their_pages()
    {
        var piEnrolmentRows = 0;
        var piReadOnlyNotes = -1;
        var dsmcReadOnlyNotes = 0;
        var dsmcDeidentifiedNotes = 0;
        var dsmcDeidentifiedDownloads = 0;
        var dsmcIdentifiedDownloads = -1;
        var dsmcAuditDownloads = -1;

        await study.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync("/dashboard");
            await pi.Page.Locator("[data-testid=enrolment-table]").WaitForAsync();
            piEnrolmentRows = await pi.Page.Locator("[data-testid=enrolment-table] tbody tr").CountAsync();
            await pi.ScreenshotAsync("pi-dashboard");

            await pi.GotoAsync("/reports");
            await ReportPageState(pi).WaitForAsync();
            piReadOnlyNotes = await pi.Page.Locator("[data-testid=report-readonly]").CountAsync();
            await pi.ScreenshotAsync("pi-reports");
        });

        await study.RunInBrowserAsync(async dsmc =>
        {
            await dsmc.SignInAsync(TestUsers.Dsmc);
            await dsmc.GotoAsync("/reports");
            await ReportPageState(dsmc).WaitForAsync();
            dsmcReadOnlyNotes = await dsmc.Page.Locator("[data-testid=report-readonly]").CountAsync();
            await dsmc.ScreenshotAsync("dsmc-reports");

            await dsmc.GotoAsync("/exports");
            await dsmc.Page.Locator("[data-testid=exports-table]").WaitForAsync();
            dsmcDeidentifiedNotes = await dsmc.Page.Locator("[data-testid=exports-deidentified-only]").CountAsync();
            dsmcDeidentifiedDownloads = await dsmc.Page.Locator("[data-testid$=-deidentified]").CountAsync();
            dsmcIdentifiedDownloads = await dsmc.Page.Locator("[data-testid$=-full]").CountAsync();
            dsmcAuditDownloads = await dsmc.Page.Locator("[data-testid^=export-audittrail-]").CountAsync();
            await dsmc.ScreenshotAsync("dsmc-exports");
        });

        Assert.True(piEnrolmentRows > 0, "The PI's dashboard lists no site.");
        Assert.Equal(0, piReadOnlyNotes);
        Assert.Equal(1, dsmcReadOnlyNotes);
        Assert.Equal(1, dsmcDeidentifiedNotes);
        Assert.Equal(2, dsmcDeidentifiedDownloads);
        Assert.Equal(0, dsmcIdentifiedDownloads);
        Assert.Equal(0, dsmcAuditDownloads);
    }

    [Fact]
    public async Task Casebook_stays_closed_to_other_roles()
    {
        var participantId = await EnrolWithClinicalAndLesionAsync();
        var participantPath = $"/participants/{participantId}";
        var clinicalPath = $"{participantPath}/clinical";
        var lesionsPath = $"{participantPath}/lesions";
        var otherSitePages = new List<int>();
        var radiologistClinical = "";
        var radiologistNotFound = new List<int>();
        var radiologistLesionRows = -1;
        var radiologistDashboard = 0;
        var dsmcClinical = "";
        var dsmcNotFound = new List<int>();
        var dsmcSaveButtons = -1;

        // A coordinator of another site finds neither the participant form nor its clinical data.
        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.CoordinatorHph);
            foreach (var path in new[] { participantPath, clinicalPath })
            {
                await PageTextAsync(coordinator, path, "[data-testid=participant-title], [data-testid=clinical-title], [data-testid=not-found]");
                otherSitePages.Add(await NotFoundNoticesAsync(coordinator));
            }

            await coordinator.ScreenshotAsync("other-site-not-found");
        });

        // A radiologist of the same site reads blinded: the casebook's pages are not found and the dashboard is empty.
        await study.RunInBrowserAsync(async radiologist =>
        {
            await radiologist.SignInAsync(TestUsers.Radiologist1);
            radiologistClinical = await PageTextAsync(radiologist, clinicalPath, "[data-testid=clinical-title], [data-testid=not-found]");
            radiologistNotFound.Add(await NotFoundNoticesAsync(radiologist));
            await radiologist.ScreenshotAsync("radiologist-clinical");
            await PageTextAsync(radiologist, lesionsPath, "[data-testid=lesions-title], [data-testid=not-found]");
            radiologistNotFound.Add(await NotFoundNoticesAsync(radiologist));
            radiologistLesionRows = await radiologist.Page.Locator("[data-testid=open-lesion-1]").CountAsync();
            await radiologist.ScreenshotAsync("radiologist-lesions");

            await radiologist.GotoAsync("/dashboard");
            await radiologist.Page.Locator("[data-testid=dashboard-not-available]").WaitForAsync();
            radiologistDashboard = await radiologist.Page.Locator("[data-testid=dashboard-not-available]").CountAsync();
            await radiologist.ScreenshotAsync("radiologist-dashboard");
        });

        // A DSMC member finds neither the clinical data nor a participant form to edit.
        await study.RunInBrowserAsync(async dsmc =>
        {
            await dsmc.SignInAsync(TestUsers.Dsmc);
            dsmcClinical = await PageTextAsync(dsmc, clinicalPath, "[data-testid=clinical-title], [data-testid=not-found]");
            dsmcNotFound.Add(await NotFoundNoticesAsync(dsmc));
            await PageTextAsync(dsmc, participantPath, "[data-testid=participant-title], [data-testid=not-found]");
            dsmcNotFound.Add(await NotFoundNoticesAsync(dsmc));
            dsmcSaveButtons = await dsmc.Page.Locator("button[data-testid=save]").CountAsync();
            await dsmc.ScreenshotAsync("dsmc-participant");
        });

        // The server rejects the DSMC member's edit even without the page.
        var dsmcEdit = await study.Database.RunAsAsync(TestUsers.Dsmc, (services, caller) =>
            services.GetRequiredService<IParticipantService>().UpdateAsync(caller, participantId,
                new ParticipantInput { Age = 70, Sex = Sex.Male, CtExamDate = new DateOnly(2026, 8, 2) }, Guid.Empty, reason: null, Cancel), Cancel);

        Assert.Equal([1, 1], otherSitePages);
        Assert.DoesNotContain(ProbeScannerModel, radiologistClinical, StringComparison.Ordinal);
        Assert.Equal([1, 1], radiologistNotFound);
        Assert.Equal(0, radiologistLesionRows);
        Assert.Equal(1, radiologistDashboard);
        Assert.DoesNotContain(ProbeScannerModel, dsmcClinical, StringComparison.Ordinal);
        Assert.Equal([1, 1], dsmcNotFound);
        Assert.Equal(0, dsmcSaveButtons);
        Assert.False(dsmcEdit.Succeeded);
        Assert.Contains(dsmcEdit.Failure, new[] { ServiceFailure.Forbidden, ServiceFailure.NotFound });
    }

    /// <summary>Fills every field of the clinical CRF with a plausible surveillance CT.</summary>
    private static async Task FillClinicalAsync(BrowserSession coordinator)
    {
        await coordinator.ChooseAsync("field-HepatitisB", ViralStatus.Positive);
        await coordinator.ChooseAsync("field-HepatitisC", ViralStatus.Negative);
        await coordinator.Page.Locator("input[data-testid=field-Cirrhosis-yes]").CheckAsync();
        await coordinator.Input("field-AfpValue").FillAsync("12.5");
        await coordinator.ChooseAsync("field-AfpUnit", AfpUnit.NanogramsPerMillilitre);
        await coordinator.ChooseAsync("field-ReasonForCt", CtIndication.Surveillance);
        await coordinator.Input("field-ScannerManufacturer").FillAsync("GE");
        await coordinator.Input("field-ScannerModel").FillAsync("Revolution CT");
        await coordinator.Input("field-ContrastAgent").FillAsync("碘海醇 350 mgI/mL");
        await coordinator.Input("field-ContrastDoseMl").FillAsync("85");
        await coordinator.Page.Locator("input[data-testid=field-NonContrastPhaseAcquired-yes]").CheckAsync();
        await coordinator.Page.Locator("input[data-testid=field-ArterialPhaseAcquired-yes]").CheckAsync();
        await coordinator.Input("field-ArterialPhaseDelaySeconds").FillAsync("35");
        await coordinator.Page.Locator("input[data-testid=field-PortalVenousPhaseAcquired-yes]").CheckAsync();
        await coordinator.Input("field-PortalVenousPhaseDelaySeconds").FillAsync("70");
        await coordinator.Page.Locator("input[data-testid=field-DelayedPhaseAcquired-no]").CheckAsync();
        await coordinator.ScreenshotAsync("clinical-filled");
    }

    /// <summary>The report page in any of its states: a hint that the plan or snapshots are missing, or the report form.</summary>
    private static ILocator ReportPageState(BrowserSession session) =>
        session.Page.Locator("[data-testid=report-plan-not-locked], [data-testid=report-no-snapshots], [data-testid=report-compute]").First;

    /// <summary>
    /// Opens <paramref name="path"/>, waits for <paramref name="readySelector"/> and returns the page's text with the
    /// values of its inputs, which is everything a user could read there.
    /// </summary>
    private static async Task<string> PageTextAsync(BrowserSession session, string path, string readySelector)
    {
        await session.GotoAsync(path);
        await session.Page.Locator(readySelector).First.WaitForAsync();
        var text = await session.Page.Locator("body").InnerTextAsync();
        var values = await session.Page.EvalOnSelectorAllAsync<string[]>("input, textarea", "fields => fields.map(field => field.value)");
        return text + "\n" + string.Join("\n", values);
    }

    private static Task<int> NotFoundNoticesAsync(BrowserSession session) =>
        session.Page.Locator("[data-testid=not-found]").CountAsync();

    /// <summary>
    /// Enrols a participant at the WCH coordinator's site through Core, with a clinical CRF that names
    /// <see cref="ProbeScannerModel"/> and one lesion.
    /// </summary>
    private async Task<int> EnrolWithClinicalAndLesionAsync()
    {
        var database = await study.GetDatabaseAsync();
        return await database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
        {
            var enrolled = await services.GetRequiredService<IParticipantService>().CreateAsync(caller, caller.SiteId!.Value,
                new ParticipantInput { Age = 47, Sex = Sex.Male, CtExamDate = new DateOnly(2026, 7, 21) }, Cancel);
            Assert.True(enrolled.Succeeded, string.Join("; ", enrolled.Errors.Select(e => e.Message)));
            var participantId = enrolled.Value!.Id;

            var clinical = await services.GetRequiredService<IClinicalCrfService>().SaveAsync(caller, participantId,
                new ClinicalCrfInput { ScannerManufacturer = "Canon", ScannerModel = ProbeScannerModel }, expectedVersion: null, reason: null, Cancel);
            Assert.True(clinical.Succeeded, string.Join("; ", clinical.Errors.Select(e => e.Message)));

            var lesion = await services.GetRequiredService<ILesionService>().CreateAsync(caller, participantId,
                new LesionInput { LesionNumber = 1, CouinaudSegment = CouinaudSegment.VII, LongestDiameterMm = 18 }, Cancel);
            Assert.True(lesion.Succeeded, string.Join("; ", lesion.Errors.Select(e => e.Message)));
            return participantId;
        }, Cancel);
    }

    [GeneratedRegex(@"/participants/(?<id>\d+)$")]
    private static partial Regex ParticipantUrl();

    [GeneratedRegex(@"[A-Z]+-\d{4}")]
    private static partial Regex StudyIdPattern();
}
