using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Dicom;
using StudyEdc.EndToEnd.Tests.Infrastructure;
using StudyEdc.TestSupport;

namespace StudyEdc.EndToEnd.Tests;

/// <summary>
/// CT upload through the browser by a site coordinator: a phantom AP/PVP exam runs through the committed model
/// to detections shown in the viewer, where the coordinator draws a lesion box, and a real CT series is
/// de-identified and rendered.
/// </summary>
public sealed class ImagingUploadTests(StudyEdcFixture study)
{
    /// <summary>Upload, ingest, one poll of the worker (5 s), inference and one page refresh (5 s), with margin for a loaded CI machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions SlowStep = new() { Timeout = 60_000 };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Phantom_exam_ends_with_detections_in_viewer()
    {
        var participantId = await EnrolAsync();
        var files = Directory.GetFiles(RepositoryPaths.TestData("phantom", "exam-01", "AP"))
            .Concat(Directory.GetFiles(RepositoryPaths.TestData("phantom", "exam-01", "PVP")))
            .Order(StringComparer.Ordinal)
            .ToArray();

        await study.RunInBrowserAsync(async session =>
        {
            var page = session.Page;
            await session.SignInAsync(TestUsers.Coordinator);
            await session.GotoAsync($"/participants/{participantId}/imaging");
            await session.ScreenshotAsync("empty-exam");

            // Upload both phases as one set of files; each series is listed with its phase hint.
            await page.Locator("[data-testid=upload-files]").SetInputFilesAsync(files);
            await page.Locator("[data-testid=upload-start]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=series-table] tbody tr")).ToHaveCountAsync(2, new() { Timeout = 60_000 });
            await session.ScreenshotAsync("uploaded");

            // The hints preselect arterial and portal-venous; the coordinator confirms them.
            await page.Locator("[data-testid=phase-confirm]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=job-status]").First).ToBeVisibleAsync(SlowStep);
            await session.ScreenshotAsync("job-queued");

            // The worker runs the committed model; the page refreshes while the job is pending.
            await Assertions.Expect(page.Locator("[data-testid=viewer-detection-goto]").First).ToBeVisibleAsync(SlowStep);
            await page.Locator("[data-testid=viewer-detection-goto]").First.ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=viewer-detection]").First).ToBeVisibleAsync();
            await session.ScreenshotAsync("viewer-detections");
            await page.Locator("[data-testid=viewer]").ScreenshotAsync(new() { Path = Path.Combine(session.ScreenshotDirectory, "viewer-only.png") });

            // The coordinator drags the lesion's box on the slice and saves it as a new lesion of the lesion CRF.
            var image = page.Locator("[data-testid=viewer-image]");
            var bounds = await image.BoundingBoxAsync();
            Assert.NotNull(bounds);
            await page.Mouse.MoveAsync(bounds.X + (bounds.Width * 0.3f), bounds.Y + (bounds.Height * 0.3f));
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(bounds.X + (bounds.Width * 0.5f), bounds.Y + (bounds.Height * 0.5f), new() { Steps = 5 });
            await page.Mouse.UpAsync();
            await Assertions.Expect(page.Locator("[data-testid=viewer-drawn-box]")).ToBeVisibleAsync();
            await page.Locator("[data-testid=box-save]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=box-saved]")).ToBeVisibleAsync();
            await session.ScreenshotAsync("box-saved");

            var label = await page.Locator("[data-testid=viewer-detection]").First.GetAttributeAsync("title");
            // The label shows the score and the malignancy probability, in Chinese or English.
            Assert.Matches(@"^\d\.\d\d\D+\d\.\d\d\D*$", label);
            Assert.Contains("phantom-lesion-detector", await page.Locator("[data-testid=job-table]").InnerTextAsync(), StringComparison.Ordinal);
        });

        // The box is stored with the series it was drawn on, one of the exam's two phases.
        var lesion = Assert.Single(await LesionsAsync(participantId)).Values;
        Assert.Contains(lesion.SeriesInstanceUid, (await ExamAsync(participantId)).Series.Select(s => s.SeriesInstanceUid));
        Assert.InRange(lesion.BoxWidth ?? 0, 2, 512);
        Assert.InRange(lesion.BoxHeight ?? 0, 2, 512);

        var exam = await ExamAsync(participantId);
        Assert.NotEmpty(exam.Predictions);
        Assert.All(exam.Predictions, p => Assert.Equal("phantom-lesion-detector", p.ModelName));
        Assert.All(exam.Predictions, p => Assert.InRange(p.Malignancy, 0, 1));
    }

    [Fact]
    public async Task Real_ct_series_is_deidentified_rendered_and_removed()
    {
        var participantId = await EnrolAsync();
        var files = Directory.GetFiles(RepositoryPaths.TestData("dicom-series", "ct-3slice")).Order(StringComparer.Ordinal).ToArray();

        await study.RunInBrowserAsync(async session =>
        {
            var page = session.Page;
            await session.SignInAsync(TestUsers.Coordinator);
            await session.GotoAsync($"/participants/{participantId}/imaging");

            await page.Locator("[data-testid=upload-files]").SetInputFilesAsync(files);
            await page.Locator("[data-testid=upload-start]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=series-table] tbody tr")).ToHaveCountAsync(1, new() { Timeout = 60_000 });
            await Assertions.Expect(page.Locator("[data-testid=upload-results]")).ToContainTextAsync("01.dcm");
            await session.ScreenshotAsync("uploaded");

            // The slice is rendered on the server as PNG; a decoded image has its natural size.
            var image = page.Locator("[data-testid=viewer-image]");
            await Assertions.Expect(image).ToBeVisibleAsync();
            await page.WaitForFunctionAsync("element => element.complete && element.naturalWidth > 0", await image.ElementHandleAsync());
            await session.ScreenshotAsync("viewer");
            Assert.Equal(512, await image.EvaluateAsync<int>("element => element.naturalWidth"));

            // The stored file has no trace of the original patient name, ID or study UID.
            var series = Assert.Single((await ExamAsync(participantId)).Series);
            var storedPath = await StoredFileAsync(series.Id);
            var stored = DicomFile.Open(storedPath).Dataset;
            Assert.NotEqual("JANCT000", stored.GetString(new DicomTag(0x0010, 0x0010)));
            Assert.NotEqual("99000", stored.GetString(new DicomTag(0x0010, 0x0020)));
            Assert.NotEqual("1.2.392.200103.20080913.113635.0.2009.6.22.21.43.10.22941.1", stored.GetString(new DicomTag(0x0020, 0x000D)));

            // The coordinator removes the series with a reason; its stored files go with it.
            await page.Locator($"[data-testid=series-remove-{series.Id}]").ClickAsync();
            await session.Input("reason-input").FillAsync("Uploaded for the wrong participant");
            await page.Locator("[data-testid=reason-confirm]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=series-empty]")).ToBeVisibleAsync();
            await session.ScreenshotAsync("removed");

            Assert.False(File.Exists(storedPath));
        });
    }

    private Task<string> StoredFileAsync(int seriesId) =>
        study.Database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
            (await services.GetRequiredService<IImagingService>().FindSliceAsync(caller, seriesId, 0, Cancel))!.FilePath, Cancel);

    private async Task<int> EnrolAsync()
    {
        await using var _ = await study.OpenSessionAsync();
        var participant = await study.Database.RunAsAsync(TestUsers.Coordinator, (services, caller) =>
            services.GetRequiredService<IParticipantService>().CreateAsync(caller, caller.SiteId!.Value,
                new ParticipantInput { Age = 61, Sex = Sex.Male, CtExamDate = new DateOnly(2024, 3, 18) }, Cancel), Cancel);
        Assert.True(participant.Succeeded, string.Join("; ", participant.Errors.Select(e => e.Message)));
        return participant.Value!.Id;
    }

    private Task<IReadOnlyList<LesionDetail>> LesionsAsync(int participantId) =>
        study.Database.RunAsAsync(TestUsers.Coordinator, (services, caller) =>
            services.GetRequiredService<ILesionService>().ListAsync(caller, participantId, Cancel), Cancel);

    private Task<ImagingExamDetail> ExamAsync(int participantId) =>
        study.Database.RunAsAsync(TestUsers.Coordinator, async (services, caller) =>
            (await services.GetRequiredService<IImagingService>().GetExamAsync(caller, participantId, Cancel))!, Cancel);
}
