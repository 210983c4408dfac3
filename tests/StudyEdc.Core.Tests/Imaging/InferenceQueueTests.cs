using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Lesions;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>
/// A phantom AP/PVP exam from upload to stored detections: phases confirmed, job queued, and the worker running the
/// committed reference model through the database queue, including a restart mid-job and the retry limit.
/// </summary>
public sealed class InferenceQueueTests : ImagingTestBase
{
    private const string Arterial = "phantom/exam-01/AP";
    private const string PortalVenous = "phantom/exam-01/PVP";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { [InferenceJobScheduler.MaxAttemptsKey] = "2" };

    [Fact]
    public async Task Phantom_exam_series_get_their_phase_hints()
    {
        var exam = await UploadPhantomAsync();

        Assert.Equal(2, exam.Series.Count);
        Assert.Contains(exam.Series, s => s.PhaseHint == "Arterial");
        Assert.Contains(exam.Series, s => s.PhaseHint == "PortalVenous");
    }

    [Fact]
    public async Task Confirmed_phases_queue_one_job()
    {
        var exam = await UploadPhantomAsync();

        var confirmed = await ConfirmAsync(exam);

        var job = Assert.Single(confirmed.Jobs);
        Assert.Equal(InferenceJobStatus.Queued, job.Status);
        Assert.Equal(BundledModel.Name, job.ModelName);
        Assert.Null(confirmed.MissingPhaseMessage);
    }

    [Fact]
    public async Task Missing_phase_is_reported_and_queues_nothing()
    {
        var exam = await UploadPhantomAsync();

        var result = await Database.Get<IImagingService>().ConfirmPhasesAsync(Coordinator, ParticipantId,
            SeriesWithHint(exam, "Arterial"), null, exam.Version, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.NotNull(result.Value!.MissingPhaseMessage);
        Assert.Empty(result.Value.Jobs);
    }

    [Fact]
    public async Task Same_series_for_both_phases_is_invalid()
    {
        var exam = await UploadPhantomAsync();
        var arterial = SeriesWithHint(exam, "Arterial");

        var result = await Database.Get<IImagingService>().ConfirmPhasesAsync(Coordinator, ParticipantId, arterial, arterial, exam.Version, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Contains(result.Errors, e => e.Code == "PhasesSameSeries");
    }

    [Fact]
    public async Task Worker_stores_detections_of_the_committed_model()
    {
        await ConfirmAsync(await UploadPhantomAsync());

        var processed = await NewProcessor("worker-1").ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.True(processed);
        var job = await SingleJobAsync();
        Assert.Equal(InferenceJobStatus.Succeeded, job.Status);
        var reference = await BundledModel.LoadReferenceAsync(TestContext.Current.CancellationToken);
        var predictions = await Database.Get<StudyDbContext>().Set<InferencePrediction>().ToListAsync(TestContext.Current.CancellationToken);
        Assert.NotEmpty(predictions);
        Assert.All(predictions, p => Assert.Equal(reference.Sha256, p.ModelSha256));
        Assert.All(predictions, p => Assert.InRange(p.Malignancy, 0, 1));
        Assert.All(predictions, p => Assert.True(p.PatientMaxX > p.PatientMinX));
    }

    [Fact]
    public async Task Detections_hidden_from_radiologist()
    {
        await ConfirmAsync(await UploadPhantomAsync());
        await NewProcessor("worker-1").ProcessNextAsync(TestContext.Current.CancellationToken);
        var radiologist = await Database.CreateCallerAsync(StudyRoles.Radiologist, ImagingTestDatabase.SiteA);

        var forCoordinator = await Database.Get<IImagingService>().GetExamAsync(Coordinator, ParticipantId, TestContext.Current.CancellationToken);
        var forRadiologist = await Database.Get<IImagingService>().GetExamAsync(radiologist, ParticipantId, TestContext.Current.CancellationToken);

        Assert.NotEmpty(forCoordinator!.Predictions);
        Assert.Empty(forRadiologist!.Predictions);
    }

    [Fact]
    public async Task Expired_lease_job_is_reclaimed()
    {
        await ConfirmAsync(await UploadPhantomAsync());

        // A worker claims the job and dies: its lease is already over when the next worker polls.
        var dead = await Database.Get<IInferenceJobStore>().ClaimNextAsync("dead-worker", TimeSpan.FromSeconds(-1), TestContext.Current.CancellationToken);
        var processed = await NewProcessor("worker-2").ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(dead);
        Assert.True(processed);
        var job = await SingleJobAsync();
        Assert.Equal(InferenceJobStatus.Succeeded, job.Status);
        Assert.Equal(2, job.Attempts);
        Assert.Equal("worker-2", job.ClaimedBy);
    }

    [Fact]
    public async Task Superseded_worker_cannot_complete()
    {
        await ConfirmAsync(await UploadPhantomAsync());
        var store = Database.Get<IInferenceJobStore>();
        var dead = await store.ClaimNextAsync("dead-worker", TimeSpan.FromSeconds(-1), TestContext.Current.CancellationToken);
        await store.ClaimNextAsync("worker-2", TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        var completed = await store.CompleteAsync(dead!, new DetectionResult(dead!.Model, "CPU", [], new InferenceTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero)), TestContext.Current.CancellationToken);

        Assert.False(completed);
        Assert.Equal(InferenceJobStatus.Running, (await SingleJobAsync()).Status);
    }

    [Fact]
    public async Task Running_job_is_not_claimed_twice()
    {
        await ConfirmAsync(await UploadPhantomAsync());
        var store = Database.Get<IInferenceJobStore>();
        await store.ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        var second = await Database.Get<IInferenceJobStore>().ClaimNextAsync("worker-2", TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.Null(second);
    }

    [Fact]
    public async Task Last_failed_attempt_fails_job()
    {
        await ConfirmAsync(await UploadPhantomAsync());

        // Losing the stored portal-venous files makes every attempt fail the same way.
        foreach (var file in await SeriesFilesAsync("PortalVenous"))
        {
            File.Delete(file);
        }

        var processor = NewProcessor("worker-1");
        await processor.ProcessNextAsync(TestContext.Current.CancellationToken);
        var afterFirst = await SingleJobAsync();
        await processor.ProcessNextAsync(TestContext.Current.CancellationToken);
        var afterSecond = await SingleJobAsync();
        var third = await processor.ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.Equal(InferenceJobStatus.Queued, afterFirst.Status);
        Assert.Equal(InferenceJobStatus.Failed, afterSecond.Status);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.Contains("portal-venous", afterSecond.LastError, StringComparison.Ordinal);
        Assert.False(third);
    }

    [Fact]
    public async Task Expired_last_attempt_fails_job()
    {
        await ConfirmAsync(await UploadPhantomAsync());
        var store = Database.Get<IInferenceJobStore>();
        await store.ClaimNextAsync("dead-worker-1", TimeSpan.FromSeconds(-1), TestContext.Current.CancellationToken);
        await store.ClaimNextAsync("dead-worker-2", TimeSpan.FromSeconds(-1), TestContext.Current.CancellationToken);

        var claimed = await store.ClaimNextAsync("worker-3", TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);

        Assert.Null(claimed);
        var job = await SingleJobAsync();
        Assert.Equal(InferenceJobStatus.Failed, job.Status);
        Assert.Contains("dead-worker-2", job.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rerun_queues_a_second_job()
    {
        await ConfirmAsync(await UploadPhantomAsync());

        var rerun = await Database.Get<IImagingService>().RequeueInferenceAsync(Coordinator, ParticipantId, TestContext.Current.CancellationToken);

        Assert.True(rerun.Succeeded);
        Assert.Equal(2, await Database.Get<StudyDbContext>().Set<InferenceJob>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Lesion_away_from_every_detection_is_flagged()
    {
        await ConfirmAsync(await UploadPhantomAsync());
        await NewProcessor("worker-1").ProcessNextAsync(TestContext.Current.CancellationToken);
        var exam = (await Database.Get<IImagingService>().GetExamAsync(Coordinator, ParticipantId, TestContext.Current.CancellationToken))!;
        var portalVenous = exam.PortalVenous!;
        var found = exam.Predictions[0].PortalVenous;
        var lesions = Database.Get<ILesionService>();
        var onDetection = await lesions.CreateAsync(Coordinator, ParticipantId, new LesionInput
        {
            LesionNumber = 1,
            SeriesInstanceUid = portalVenous.SeriesInstanceUid,
            BoxX = (int)Math.Round(found.I0),
            BoxY = (int)Math.Round(found.J0),
            BoxWidth = (int)Math.Round(found.I1 - found.I0) + 1,
            BoxHeight = (int)Math.Round(found.J1 - found.J0) + 1,
            FirstSlice = (int)Math.Round(found.K0),
            LastSlice = (int)Math.Round(found.K1),
        }, TestContext.Current.CancellationToken);
        var inCorner = await lesions.CreateAsync(Coordinator, ParticipantId, new LesionInput
        {
            LesionNumber = 2,
            SeriesInstanceUid = portalVenous.SeriesInstanceUid,
            BoxX = 0,
            BoxY = 0,
            BoxWidth = 3,
            BoxHeight = 3,
            FirstSlice = 0,
            LastSlice = 1,
        }, TestContext.Current.CancellationToken);
        Assert.True(onDetection.Succeeded, string.Join("; ", onDetection.Errors.Select(e => e.Message)));
        Assert.True(inCorner.Succeeded, string.Join("; ", inCorner.Errors.Select(e => e.Message)));

        var matches = await Database.Get<LesionDetectionMatching>().MatchAsync(Coordinator, ParticipantId, TestContext.Current.CancellationToken);

        Assert.False(matches.Single(m => m.LesionNumber == 1).IsFlagged);
        Assert.True(matches.Single(m => m.LesionNumber == 2).IsFlagged);
    }

    private async Task<ImagingExamDetail> UploadPhantomAsync()
    {
        using var staging = new ImagingStaging(Arterial, PortalVenous);
        var upload = await Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, TestContext.Current.CancellationToken);
        Assert.True(upload.Succeeded);
        return (await Database.Get<IImagingService>().GetExamAsync(Coordinator, ParticipantId, TestContext.Current.CancellationToken))!;
    }

    private async Task<ImagingExamDetail> ConfirmAsync(ImagingExamDetail exam)
    {
        var result = await Database.Get<IImagingService>().ConfirmPhasesAsync(Coordinator, ParticipantId,
            SeriesWithHint(exam, "Arterial"), SeriesWithHint(exam, "PortalVenous"), exam.Version, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private static int SeriesWithHint(ImagingExamDetail exam, string hint) => exam.Series.Single(s => s.PhaseHint == hint).Id;

    private InferenceJobProcessor NewProcessor(string workerId) => new(
        Database.Get<IInferenceJobStore>(),
        Database.Services.GetRequiredService<LesionDetector>(),
        Options.Create(new InferenceQueueOptions { WorkerId = workerId, LeaseSeconds = 300, RetryDelaySeconds = 0 }),
        NullLogger<InferenceJobProcessor>.Instance);

    private Task<InferenceJob> SingleJobAsync() =>
        Database.Get<StudyDbContext>().Set<InferenceJob>().AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);

    private async Task<List<string>> SeriesFilesAsync(string hint)
    {
        var store = Database.Get<ImageStore>();
        var hashes = await Database.Get<StudyDbContext>().Set<ImagingInstance>()
            .Where(i => i.Series!.PhaseHint == hint).Select(i => i.Sha256).ToListAsync(TestContext.Current.CancellationToken);
        return hashes.Select(store.PathFor).ToList();
    }
}
