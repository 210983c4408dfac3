using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>
/// Removal of a stored series: rows, files that no other series refers to, jobs that read it, the phase
/// confirmation, and the audit entries with the reason.
/// </summary>
public sealed class SeriesRemovalTests : ImagingTestBase
{
    private const string Reason = "Wrong series uploaded";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Removed_series_loses_its_rows_and_files()
    {
        var exam = await UploadPhantomAsync();
        var arterial = exam.Series.Single(s => s.PhaseHint == "Arterial");
        var arterialFiles = await FilesOfAsync(arterial.Id);
        var portalVenousFiles = await FilesOfAsync(exam.Series.Single(s => s.PhaseHint == "PortalVenous").Id);

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, arterial.Id, Reason, exam.Version, Cancel);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.DoesNotContain(result.Value!.Series, s => s.Id == arterial.Id);
        Assert.False(await Database.Get<StudyDbContext>().Set<ImagingInstance>().AnyAsync(i => i.SeriesId == arterial.Id, Cancel));
        Assert.All(arterialFiles, file => Assert.False(File.Exists(file)));
        Assert.All(portalVenousFiles, file => Assert.True(File.Exists(file)));
    }

    [Fact]
    public async Task File_shared_with_another_series_is_kept()
    {
        var exam = await UploadPhantomAsync();
        var arterial = exam.Series.Single(s => s.PhaseHint == "Arterial");
        var shared = await Database.Get<StudyDbContext>().Set<ImagingInstance>().Where(i => i.SeriesId == arterial.Id)
            .OrderBy(i => i.SliceIndex).Select(i => i.Sha256).FirstAsync(Cancel);
        await AddSeriesReferringToAsync(shared);

        await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, arterial.Id, Reason, exam.Version, Cancel);

        var store = Database.Get<ImageStore>();
        Assert.True(File.Exists(store.PathFor(shared)));
    }

    [Fact]
    public async Task Queued_job_of_removed_series_is_cancelled()
    {
        var exam = await ConfirmAsync(await UploadPhantomAsync());

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, exam.Arterial!.Id, Reason, exam.Version, Cancel);

        var job = Assert.Single(result.Value!.Jobs);
        Assert.Equal(InferenceJobStatus.Cancelled, job.Status);
        Assert.Null(await Database.Get<Inference.Queue.IInferenceJobStore>().ClaimNextAsync("worker-1", TimeSpan.FromMinutes(5), Cancel));
    }

    [Fact]
    public async Task Removal_resets_phase_confirmation()
    {
        var exam = await ConfirmAsync(await UploadPhantomAsync());

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, exam.Arterial!.Id, Reason, exam.Version, Cancel);

        Assert.False(result.Value!.PhasesConfirmed);
        Assert.Null(result.Value.MissingPhaseMessage);
    }

    [Fact]
    public async Task Removal_is_audited_with_its_reason()
    {
        var exam = await ConfirmAsync(await UploadPhantomAsync());
        var arterial = exam.Arterial!;

        await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, arterial.Id, Reason, exam.Version, Cancel);

        var entries = await Database.Get<StudyDbContext>().AuditEntries.AsNoTracking().Where(a => a.Reason == Reason).ToListAsync(Cancel);
        Assert.Contains(entries, a => a.EntityType == ImagingAuditEntityTypes.Series && a.Action == AuditAction.Delete && a.OldValue == arterial.SeriesInstanceUid);
        Assert.Contains(entries, a => a.EntityType == ImagingAuditEntityTypes.InferenceJob && a.NewValue == nameof(InferenceJobStatus.Cancelled));
        Assert.True((await Database.Get<IAuditTrail>().VerifyChainAsync(Cancel)).IsIntact);
    }

    [Fact]
    public async Task Removal_without_reason_is_invalid()
    {
        var exam = await UploadPhantomAsync();

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, exam.Series[0].Id, " ", exam.Version, Cancel);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("ReasonRequired", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Principal_investigator_cannot_remove()
    {
        var exam = await UploadPhantomAsync();
        var investigator = await Database.CreateCallerAsync(StudyRoles.PrincipalInvestigator, null);

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(investigator, exam.Series[0].Id, Reason, exam.Version, Cancel);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Other_siteCoordinator_does_not_find_the_series()
    {
        var exam = await UploadPhantomAsync();
        var otherSite = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteB);

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(otherSite, exam.Series[0].Id, Reason, exam.Version, Cancel);

        Assert.Equal(ServiceFailure.NotFound, result.Failure);
    }

    [Fact]
    public async Task Stale_version_is_a_conflict()
    {
        var exam = await UploadPhantomAsync();

        var result = await Database.Get<IImagingService>().RemoveSeriesAsync(Coordinator, exam.Series[0].Id, Reason, Guid.NewGuid(), Cancel);

        Assert.Equal(ServiceFailure.Conflict, result.Failure);
    }

    private async Task<ImagingExamDetail> UploadPhantomAsync()
    {
        using var staging = new ImagingStaging("phantom/exam-01/AP", "phantom/exam-01/PVP");
        var upload = await Database.Get<IImagingService>().IngestAsync(Coordinator, ParticipantId, staging.Path, Cancel);
        Assert.True(upload.Succeeded);
        return (await Database.Get<IImagingService>().GetExamAsync(Coordinator, ParticipantId, Cancel))!;
    }

    private async Task<ImagingExamDetail> ConfirmAsync(ImagingExamDetail exam)
    {
        var result = await Database.Get<IImagingService>().ConfirmPhasesAsync(Coordinator, ParticipantId,
            exam.Series.Single(s => s.PhaseHint == "Arterial").Id, exam.Series.Single(s => s.PhaseHint == "PortalVenous").Id, exam.Version, Cancel);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    private async Task<List<string>> FilesOfAsync(int seriesId)
    {
        var store = Database.Get<ImageStore>();
        var hashes = await Database.Get<StudyDbContext>().Set<ImagingInstance>().Where(i => i.SeriesId == seriesId).Select(i => i.Sha256).ToListAsync(Cancel);
        return hashes.Select(store.PathFor).ToList();
    }

    /// <summary>Adds, for another participant, a series row whose one instance refers to the stored file <paramref name="sha256"/>.</summary>
    private async Task AddSeriesReferringToAsync(string sha256)
    {
        var otherParticipant = await Database.EnrolAsync(Coordinator);
        var db = Database.Get<StudyDbContext>();
        var series = new ImagingSeries { SiteId = Coordinator.SiteId!.Value, SeriesInstanceUid = "2.25.1", PhaseHint = "Unknown" };
        series.Instances.Add(new ImagingInstance { SopInstanceUid = "2.25.2", Sha256 = sha256 });
        db.Add(new ImagingExam { ParticipantId = otherParticipant, SiteId = Coordinator.SiteId.Value, Series = [series] });
        await db.SaveChangesAsync(Cancel);
    }
}
