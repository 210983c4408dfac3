using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyEdc.Core;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Verification;
using StudyEdc.Demo;
using StudyEdc.EndToEnd.Tests.Infrastructure;
using StudyEdc.TestSupport;

namespace StudyEdc.EndToEnd.Tests;

/// <summary>
/// Downloads and locked records in the browser. A DSMC member takes the de-identified CSV export from /exports. The
/// PI locks the analysis plan, takes snapshot 1 and downloads the report PDF on an instance of its own. A casebook
/// that the PI locks is read-only for the coordinator. The tests check the files that reach the browser, not only the pages.
/// </summary>
public sealed class ReportAndExportTests(StudyEdcFixture study)
{
    /// <summary>A contrast agent name that only this test's participant has, so its presence proves the Chinese text survived.</summary>
    private const string ProbeContrastAgent = "碘帕醇 370 导出探针";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Dsmc_downloads_deidentified_csv_export()
    {
        var studyId = await EnrolWithChineseContrastAgentAsync();
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);

        await study.RunInBrowserAsync(async dsmc =>
        {
            await dsmc.SignInAsync(TestUsers.Dsmc);
            await dsmc.GotoAsync("/exports");
            await dsmc.Page.Locator("[data-testid=exports-table]").WaitForAsync();
            await dsmc.ScreenshotAsync("dsmc-exports");

            var download = await dsmc.Page.RunAndWaitForDownloadAsync(() =>
                dsmc.Page.Locator("[data-testid=export-csvbundle-deidentified]").ClickAsync());
            var path = Path.Combine(dsmc.ScreenshotDirectory, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            await dsmc.ScreenshotAsync("dsmc-downloaded");

            await using var archive = await ZipFile.OpenReadAsync(path, Cancel);
            foreach (var entry in archive.Entries)
            {
                await using var stream = await entry.OpenAsync(Cancel);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, Cancel);
                entries[entry.FullName] = buffer.ToArray();
            }
        });
        var csvFiles = entries.Where(entry => entry.Key.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        var texts = csvFiles.Select(entry => Encoding.UTF8.GetString(entry.Value)).ToList();

        Assert.NotEmpty(csvFiles);
        Assert.All(csvFiles, entry => Assert.True(entry.Value.AsSpan().StartsWith(Utf8Bom), $"{entry.Key} has no UTF-8 BOM."));
        Assert.Contains(texts, text => text.Contains(ProbeContrastAgent, StringComparison.Ordinal));
        Assert.All(texts, text => Assert.DoesNotContain(studyId, text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pi_downloads_report_pdf_after_lock()
    {
        // Locking the analysis plan is study-wide, so this test runs on an instance of its own.
        await using var separate = await StudyEdcFixture.StartSeparateAsync();
        var snapshotRows = 0;
        var pdfHeader = "";

        await separate.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync("/reports/analysis");
            await pi.Input("analysis-model-name").FillAsync("phantom-lesion-detector");
            await pi.Input("analysis-model-version").FillAsync("1.0");
            await pi.Input("analysis-model-sha256").FillAsync(CommittedModelSha256());
            await pi.Page.Locator("button[data-testid=analysis-save]").ClickAsync();
            await pi.Page.Locator("[data-testid=analysis-message]").WaitForAsync();
            await pi.Input("analysis-password").FillAsync(TestUsers.Password);
            await pi.ScreenshotAsync("plan-draft");
            await pi.Page.Locator("button[data-testid=analysis-lock]").ClickAsync();
            await pi.Page.Locator("button[data-testid=analysis-create-snapshot]").ClickAsync();
            await pi.Page.Locator("[data-testid=analysis-snapshots] tbody tr").First.WaitForAsync();
            snapshotRows = await pi.Page.Locator("[data-testid=analysis-snapshots] tbody tr").CountAsync();
            await pi.ScreenshotAsync("plan-locked-snapshot");

            await pi.GotoAsync("/reports");
            await pi.Page.Locator("button[data-testid=report-compute]").ClickAsync();
            var pdfButton = pi.Page.Locator("[data-testid=report-pdf]");
            await pdfButton.WaitForAsync();
            await pi.ScreenshotAsync("report");

            var download = await DownloadFromNewTabAsync(pi, () => pdfButton.ClickAsync());
            var path = Path.Combine(pi.ScreenshotDirectory, download.SuggestedFilename);
            await download.SaveAsAsync(path);
            var header = new byte[5];
            await using var pdf = File.OpenRead(path);
            await pdf.ReadExactlyAsync(header, Cancel);
            pdfHeader = Encoding.ASCII.GetString(header);
        });

        Assert.Equal(1, snapshotRows);
        Assert.Equal("%PDF-", pdfHeader);
    }

    [Fact]
    public async Task Locked_casebook_rejects_coordinator_edits()
    {
        var participantId = await EnrolCompleteAndVerifyAsync();
        var readOnlyNotices = 0;
        var saveButtons = -1;

        await study.RunInBrowserAsync(async pi =>
        {
            await pi.SignInAsync(TestUsers.PrincipalInvestigator);
            await pi.GotoAsync($"/participants/{participantId}/review");
            await pi.Input("review-reason").FillAsync("数据核查完成，锁定病例报告表。");
            await pi.Page.Locator("button[data-testid=lock-casebook]").ClickAsync();
            var formStatus = pi.Page.Locator($"[data-testid=form-status-{CrfForms.ParticipantKey}-{participantId}]");
            await formStatus.Filter(new LocatorFilterOptions { HasText = "已锁定" }).WaitForAsync();
            await pi.ScreenshotAsync("casebook-locked");
        });

        await study.RunInBrowserAsync(async coordinator =>
        {
            await coordinator.SignInAsync(TestUsers.Coordinator);
            await coordinator.GotoAsync($"/participants/{participantId}/clinical");
            await coordinator.Page.Locator("[data-testid=read-only]").WaitForAsync();
            readOnlyNotices = await coordinator.Page.Locator("[data-testid=read-only]").CountAsync();
            saveButtons = await coordinator.Page.Locator("button[data-testid=save]").CountAsync();
            await coordinator.ScreenshotAsync("coordinator-read-only");
        });

        // The server rejects the coordinator's edit of the locked participant form even without the page.
        var edit = await study.Database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
        {
            var form = await ParticipantFormAsync(services, caller, participantId);
            return await services.GetRequiredService<IParticipantService>().UpdateAsync(caller, participantId,
                EligibleInput with { Age = 60 }, form.Version, reason: "锁定后修改年龄", Cancel);
        }, Cancel);

        Assert.Equal(1, readOnlyNotices);
        Assert.Equal(0, saveButtons);
        Assert.False(edit.Succeeded);
        Assert.Equal(ServiceFailure.Locked, edit.Failure);
    }

    /// <summary>
    /// Downloads the file that a link opening a new tab (target=_blank) serves as an attachment. The download
    /// belongs to the new tab, so its handler is attached as soon as the tab opens.
    /// </summary>
    private static async Task<IDownload> DownloadFromNewTabAsync(BrowserSession session, Func<Task> click)
    {
        var downloaded = new TaskCompletionSource<IDownload>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnDownload(object? sender, IDownload download) => downloaded.TrySetResult(download);
        void OnPage(object? sender, IPage tab) => tab.Download += OnDownload;
        session.Page.Context.Page += OnPage;
        session.Page.Download += OnDownload;
        try
        {
            await click();
            return await downloaded.Task.WaitAsync(TimeSpan.FromSeconds(60), Cancel);
        }
        finally
        {
            session.Page.Context.Page -= OnPage;
            session.Page.Download -= OnDownload;
        }
    }

    /// <summary>The SHA-256 of the repository's committed model, which the analysis plan names.</summary>
    private static string CommittedModelSha256() =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "models", "phantom-lesion-detector", "model.onnx"))));

    private static ParticipantInput EligibleInput => DemoInputs.EligibleParticipant(61, Sex.Male, new DateOnly(2026, 9, 30));

    private static async Task<CasebookForm> ParticipantFormAsync(IServiceProvider services, StudyCaller caller, int participantId) =>
        (await services.GetRequiredService<ICrfStatusService>().ListFormsAsync(caller, participantId, Cancel))
            .Single(form => form.FormKey == CrfForms.ParticipantKey);

    /// <summary>Enrols an eligible WCH participant through Core; the coordinator completes its form and the Monitor verifies it.</summary>
    private async Task<int> EnrolCompleteAndVerifyAsync()
    {
        var database = await study.GetDatabaseAsync();
        var participantId = await database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
        {
            var enrolled = await services.GetRequiredService<IParticipantService>().CreateAsync(caller, caller.SiteId!.Value, EligibleInput, Cancel);
            Assert.True(enrolled.Succeeded, string.Join("; ", enrolled.Errors.Select(e => e.Message)));
            await ChangeParticipantFormAsync(services, caller, enrolled.Value!.Id, FormStatus.Complete);
            return enrolled.Value.Id;
        }, Cancel);
        await database.RunAsAsync(TestUsers.Monitor, (services, caller) =>
            ChangeParticipantFormAsync(services, caller, participantId, FormStatus.Verified), Cancel);
        return participantId;
    }

    private static async Task<bool> ChangeParticipantFormAsync(IServiceProvider services, StudyCaller caller, int participantId, FormStatus target)
    {
        var form = await ParticipantFormAsync(services, caller, participantId);
        var changed = await services.GetRequiredService<ICrfStatusService>().ChangeStatusAsync(caller, form.FormKey, form.RecordId, target, form.Version, reason: null, Cancel);
        Assert.True(changed.Succeeded, string.Join("; ", changed.Errors.Select(e => e.Message)));
        return true;
    }

    /// <summary>Enrols a WCH participant through Core whose clinical CRF names <see cref="ProbeContrastAgent"/>; returns its Study ID.</summary>
    private async Task<string> EnrolWithChineseContrastAgentAsync()
    {
        var database = await study.GetDatabaseAsync();
        return await database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
        {
            var enrolled = await services.GetRequiredService<IParticipantService>().CreateAsync(caller, caller.SiteId!.Value,
                new ParticipantInput { Age = 58, Sex = Sex.Female, CtExamDate = new DateOnly(2026, 10, 9) }, Cancel);
            Assert.True(enrolled.Succeeded, string.Join("; ", enrolled.Errors.Select(e => e.Message)));

            var clinical = await services.GetRequiredService<IClinicalCrfService>().SaveAsync(caller, enrolled.Value!.Id,
                new ClinicalCrfInput { ScannerManufacturer = "联影", ScannerModel = "uCT 960+", ContrastAgent = ProbeContrastAgent },
                expectedVersion: null, reason: null, Cancel);
            Assert.True(clinical.Succeeded, string.Join("; ", clinical.Errors.Select(e => e.Message)));
            return enrolled.Value.StudyId;
        }, Cancel);
    }
}
