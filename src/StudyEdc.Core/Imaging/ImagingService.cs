using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Dicom.Deidentification;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Core.Imaging;

internal sealed partial class ImagingService(
    StudyDbContext db,
    ImageStore store,
    ImagingSiteKeyProvider siteKeys,
    InferenceJobScheduler scheduler,
    TimeProvider clock,
    ILogger<ImagingService> logger) : IImagingService
{
    public async Task<ServiceResult<ImagingUploadReport>> IngestAsync(StudyCaller caller, int participantId, string stagingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(stagingDirectory);

        var participant = await FindParticipantAsync(caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<ImagingUploadReport>.Fail(ServiceFailure.NotFound);
        }

        if (!ImagingAccess.CanUpload(caller))
        {
            return ServiceResult<ImagingUploadReport>.Fail(ServiceFailure.Forbidden, new ValidationError("", "UploadNotAllowed", ImagingMessages.Get("UploadNotAllowed")));
        }

        if (participant.Status == FormStatus.Locked)
        {
            return ServiceResult<ImagingUploadReport>.Fail(ServiceFailure.Locked, CasebookAccess.Locked(participant.StudyId));
        }

        // Scan the headers. The scanner lists files that are not DICOM as skipped, and each becomes a rejected file result.
        var scan = DicomSeriesScanner.Scan([stagingDirectory], cancellationToken: cancellationToken);
        var files = scan.Skipped
            .Select(s => new IngestFileResult(RelativeName(stagingDirectory, s.Path), IngestOutcome.Rejected,
                ImagingMessages.Format("FileUnreadable", RelativeName(stagingDirectory, s.Path), s.Reason)))
            .ToList();
        if (scan.Series.Count == 0)
        {
            return ServiceResult<ImagingUploadReport>.Fail(ServiceFailure.Invalid,
                [new ValidationError("", "NoDicomFiles", ImagingMessages.Get("NoDicomFiles")), .. files.Take(20).Select(f => new ValidationError("", "FileUnreadable", f.Message!))]);
        }

        var deidentifier = await CreateDeidentifierAsync(participant.SiteId, cancellationToken).ConfigureAwait(false);
        var hints = PhaseHinter.Suggest(scan.Series.Select(s => s.ToPhaseAttributes()).ToList())
            .ToDictionary(h => h.SeriesInstanceUid, StringComparer.Ordinal);

        var exam = await db.Set<ImagingExam>().Include(e => e.Series)
            .SingleOrDefaultAsync(e => e.ParticipantId == participant.Id, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        if (exam is null)
        {
            exam = new ImagingExam { ParticipantId = participant.Id, SiteId = participant.SiteId, CreatedAtUtc = now, UpdatedAtUtc = now };
            db.Add(exam);
        }

        // Check, de-identify and store each series; decide per series whether it is new, a duplicate or rejected.
        // Files this upload newly writes to the store and no committed row refers to (those of a rejected series,
        // or all of them when the transaction fails) are deleted again, so no orphan stays behind.
        var newlyStored = new List<string>();
        var seriesResults = new List<(IngestSeriesResult Result, ImagingSeries? NewRow, ImagingSeries? ExistingRow)>();
        try
        {
            foreach (var scanned in scan.Series)
            {
                hints.TryGetValue(scanned.SeriesInstanceUid, out var hint);
                var checkedSeries = await SeriesIngest.CheckAsync(scanned, hint, deidentifier, store, newlyStored, cancellationToken).ConfigureAwait(false);
                var (result, newRow, existingRow) = await ClassifyAsync(exam, checkedSeries, now, cancellationToken).ConfigureAwait(false);
                seriesResults.Add((result, newRow, existingRow));
                files.AddRange(FileResults(stagingDirectory, checkedSeries, result));
            }

            var added = seriesResults.Where(s => s.NewRow is not null).Select(s => s.NewRow!).ToList();
            if (added.Count > 0)
            {
                exam.UpdatedAtUtc = now;
                exam.Version = Guid.NewGuid();
                await SaveWithAuditAsync(() => added.SelectMany(row => SeriesCreatedEntries(caller, row)), cancellationToken).ConfigureAwait(false);
                var sliceCount = added.Sum(s => s.SliceCount);
                LogSeriesStored(logger, exam.Id, added.Count, sliceCount);
            }
            else if (db.Entry(exam).State == EntityState.Added)
            {
                // Nothing new to keep: no empty exam is left behind.
                db.Entry(exam).State = EntityState.Detached;
            }
        }
        catch (Exception exception) when (newlyStored.Count > 0)
        {
            // The rows were not committed; the files this call wrote go too, unless another upload now refers to them.
            db.ChangeTracker.Clear();
            await DeleteUnreferencedAsync(newlyStored, exception).ConfigureAwait(false);
            throw;
        }

        await DeleteUnreferencedAsync(newlyStored, null).ConfigureAwait(false);

        var report = new ImagingUploadReport(exam.Id,
            seriesResults.Select(s => s.Result with { SeriesId = s.NewRow?.Id ?? s.ExistingRow?.Id }).ToList(),
            files.OrderBy(f => f.FileName, StringComparer.Ordinal).ToList());
        return ServiceResult<ImagingUploadReport>.Success(report);
    }

    public async Task<IReadOnlyList<ImagingParticipant>> ListParticipantsAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return await WithSiteCode(ScopedParticipants(caller).OrderBy(p => p.StudyId)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImagingParticipant?> GetParticipantAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return await WithSiteCode(ScopedParticipants(caller).Where(p => p.Id == participantId)).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ImagingExamDetail?> GetExamAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var exam = await ScopedExams(caller).AsNoTracking().Include(e => e.Series)
            .SingleOrDefaultAsync(e => e.ParticipantId == participantId, cancellationToken).ConfigureAwait(false);
        return exam is null ? null : await ToDetailAsync(caller, exam, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<ImagingExamDetail>> ConfirmPhasesAsync(StudyCaller caller, int participantId, int? arterialSeriesId, int? portalVenousSeriesId,
        Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var exam = await ScopedExams(caller).Include(e => e.Series)
            .SingleOrDefaultAsync(e => e.ParticipantId == participantId, cancellationToken).ConfigureAwait(false);
        if (exam is null)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.NotFound);
        }

        if (!ImagingAccess.CanUpload(caller))
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Forbidden, new ValidationError("", "UploadNotAllowed", ImagingMessages.Get("UploadNotAllowed")));
        }

        if (exam.Version != expectedVersion)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", ImagingMessages.Get("ExamConflict")));
        }

        var errors = ValidatePhaseChoice(exam, arterialSeriesId, portalVenousSeriesId);
        if (errors.Count > 0)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        // Record the choice; each changed series gets an audit entry with its old and new phase.
        var changes = new List<(ImagingSeries Series, ConfirmedPhase? Old)>();
        foreach (var series in exam.Series)
        {
            ConfirmedPhase? phase = series.Id == arterialSeriesId ? ConfirmedPhase.Arterial
                : series.Id == portalVenousSeriesId ? ConfirmedPhase.PortalVenous
                : null;
            if (series.ConfirmedPhase != phase)
            {
                changes.Add((series, series.ConfirmedPhase));
                series.ConfirmedPhase = phase;
            }
        }

        exam.PhasesConfirmed = true;
        exam.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        exam.Version = Guid.NewGuid();
        db.Entry(exam).Property(e => e.Version).OriginalValue = expectedVersion;

        var needsJob = arterialSeriesId is not null && portalVenousSeriesId is not null
            && (changes.Count > 0 || !await db.Set<InferenceJob>().AnyAsync(j => j.ExamId == exam.Id, cancellationToken).ConfigureAwait(false));
        try
        {
            await SaveWithAuditAsync(() => changes.Select(c => PhaseEntry(caller, c.Series, c.Old)), cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", ImagingMessages.Get("ExamConflict")));
        }

        if (needsJob)
        {
            await scheduler.EnqueueAsync(caller, exam, arterialSeriesId!.Value, portalVenousSeriesId!.Value, cancellationToken).ConfigureAwait(false);
        }

        return ServiceResult<ImagingExamDetail>.Success(await ToDetailAsync(caller, exam, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<InferenceJobSummary>> RequeueInferenceAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var exam = await ScopedExams(caller).Include(e => e.Series)
            .SingleOrDefaultAsync(e => e.ParticipantId == participantId, cancellationToken).ConfigureAwait(false);
        if (exam is null)
        {
            return ServiceResult<InferenceJobSummary>.Fail(ServiceFailure.NotFound);
        }

        if (!ImagingAccess.CanUpload(caller))
        {
            return ServiceResult<InferenceJobSummary>.Fail(ServiceFailure.Forbidden, new ValidationError("", "UploadNotAllowed", ImagingMessages.Get("UploadNotAllowed")));
        }

        var arterial = exam.Series.FirstOrDefault(s => s.ConfirmedPhase == ConfirmedPhase.Arterial);
        var portalVenous = exam.Series.FirstOrDefault(s => s.ConfirmedPhase == ConfirmedPhase.PortalVenous);
        if (arterial is null || portalVenous is null)
        {
            return ServiceResult<InferenceJobSummary>.Fail(ServiceFailure.Invalid, new ValidationError("", "NoConfirmedPhases", ImagingMessages.Get("NoConfirmedPhases")));
        }

        var job = await scheduler.EnqueueAsync(caller, exam, arterial.Id, portalVenous.Id, cancellationToken).ConfigureAwait(false);
        return ServiceResult<InferenceJobSummary>.Success(InferenceJobScheduler.ToSummary(job));
    }

    public async Task<ServiceResult<ImagingExamDetail>> RemoveSeriesAsync(StudyCaller caller, int seriesId, string? reason, Guid expectedVersion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var exam = await ScopedExams(caller).Include(e => e.Series)
            .SingleOrDefaultAsync(e => e.Series.Any(s => s.Id == seriesId), cancellationToken).ConfigureAwait(false);
        if (exam is null)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.NotFound);
        }

        if (!ImagingAccess.CanRemoveSeries(caller))
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Forbidden, new ValidationError("", "RemoveSeriesNotAllowed", ImagingMessages.Get("RemoveSeriesNotAllowed")));
        }

        var participant = await db.Participants.AsNoTracking().Where(p => p.Id == exam.ParticipantId).Select(p => new { p.Status, p.StudyId })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (participant.Status == FormStatus.Locked)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Locked, CasebookAccess.Locked(participant.StudyId));
        }

        if (ChangeReason.Validate(reason, required: true, () => CoreMessages.Get("ReasonRequiredGeneric")) is { } reasonError)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Invalid, reasonError);
        }

        if (exam.Version != expectedVersion)
        {
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", ImagingMessages.Get("ExamConflict")));
        }

        var series = exam.Series.Single(s => s.Id == seriesId);
        var hashes = await db.Set<ImagingInstance>().AsNoTracking().Where(i => i.SeriesId == seriesId).Select(i => i.Sha256).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var jobs = await db.Set<InferenceJob>()
            .Where(j => (j.ArterialSeriesId == seriesId || j.PortalVenousSeriesId == seriesId)
                && (j.Status == InferenceJobStatus.Queued || j.Status == InferenceJobStatus.Running))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // Remove the series (its instances cascade). When it carried a confirmed phase, the phases must be confirmed again.
        var now = clock.GetUtcNow().UtcDateTime;
        var entries = new List<AuditEntry> { Entry(caller, series, nameof(ImagingSeries.SeriesInstanceUid), series.SeriesInstanceUid, null, AuditAction.Delete) };
        if (exam.PhasesConfirmed && series.ConfirmedPhase is not null)
        {
            exam.PhasesConfirmed = false;
        }

        // NOTE: this update is not conditioned on the worker's lease, so a worker that completes a running job
        // between this read and the save has its Succeeded status overwritten by Cancelled (its detections stay).
        foreach (var job in jobs)
        {
            entries.Add(JobCancelledEntry(caller, job));
            job.Status = InferenceJobStatus.Cancelled;
            job.Step = nameof(Inference.Queue.InferenceStep.Done);
            job.LeaseToken = null;
            job.LeaseExpiresAtUtc = null;
            job.LastError = $"Cancelled: series {seriesId} was removed by {caller.UserName}.";
            job.CompletedAtUtc = now;
        }

        db.Remove(series);
        exam.UpdatedAtUtc = now;
        exam.Version = Guid.NewGuid();
        db.Entry(exam).Property(e => e.Version).OriginalValue = expectedVersion;
        var trimmedReason = reason!.Trim();
        foreach (var entry in entries)
        {
            entry.Reason = trimmedReason;
        }

        try
        {
            await SaveWithAuditAsync(() => entries, cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<ImagingExamDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", ImagingMessages.Get("ExamConflict")));
        }

        // Content addressing: a file goes only when no other series (of any exam) refers to the same bytes.
        await DeleteUnreferencedAsync(hashes, null).ConfigureAwait(false);
        LogSeriesRemoved(logger, seriesId, exam.Id, jobs.Count);
        exam.Series.Remove(series);
        return ServiceResult<ImagingExamDetail>.Success(await ToDetailAsync(caller, exam, cancellationToken).ConfigureAwait(false));
    }

    private static AuditEntry JobCancelledEntry(StudyCaller caller, InferenceJob job) => new()
    {
        UserId = caller.UserId,
        UserName = caller.UserName,
        SiteId = job.SiteId,
        EntityType = ImagingAuditEntityTypes.InferenceJob,
        EntityId = job.Id.ToString(CultureInfo.InvariantCulture),
        Field = nameof(InferenceJob.Status),
        OldValue = job.Status.ToString(),
        NewValue = nameof(InferenceJobStatus.Cancelled),
        Action = AuditAction.StatusChange,
    };

    public async Task<StoredSlice?> FindSliceAsync(StudyCaller caller, int seriesId, int sliceIndex, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var series = await db.Set<ImagingSeries>().AsNoTracking().Where(s => s.Id == seriesId)
            .Select(s => new { s.SiteId, s.Columns, s.Rows })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (series is null || !ImagingAccess.CanAccess(caller, series.SiteId))
        {
            return null;
        }

        var instance = await db.Set<ImagingInstance>().AsNoTracking()
            .Where(i => i.SeriesId == seriesId && i.SliceIndex == sliceIndex)
            .Select(i => new { i.Sha256, i.Frame })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return instance is null ? null : new StoredSlice(store.PathFor(instance.Sha256), instance.Frame, series.Columns, series.Rows);
    }

    private IQueryable<ImagingExam> ScopedExams(StudyCaller caller)
    {
        if (!ImagingAccess.CanView(caller))
        {
            return db.Set<ImagingExam>().Where(e => false);
        }

        if (caller.HasAllSites)
        {
            return db.Set<ImagingExam>();
        }

        var siteId = caller.SiteId;
        return siteId is null ? db.Set<ImagingExam>().Where(e => false) : db.Set<ImagingExam>().Where(e => e.SiteId == siteId);
    }

    private IQueryable<Participant> ScopedParticipants(StudyCaller caller)
    {
        var participants = db.Participants.AsNoTracking();
        if (!ImagingAccess.CanView(caller))
        {
            participants = participants.Where(p => false);
        }
        else if (!caller.HasAllSites)
        {
            var siteId = caller.SiteId;
            participants = siteId is null ? participants.Where(p => false) : participants.Where(p => p.SiteId == siteId);
        }

        return participants;
    }

    // The projection comes last: EF Core cannot translate a filter or an order on the record's properties.
    private IQueryable<ImagingParticipant> WithSiteCode(IQueryable<Participant> participants) =>
        participants.Join(db.Sites, p => p.SiteId, s => s.Id, (p, s) => new ImagingParticipant(p.Id, p.StudyId, p.SiteId, s.Code));

    private async Task<Participant?> FindParticipantAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken)
    {
        var participant = await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        return participant is not null && ImagingAccess.CanAccess(caller, participant.SiteId) ? participant : null;
    }

    private async Task<DicomDeidentifier> CreateDeidentifierAsync(int siteId, CancellationToken cancellationToken)
    {
        var siteCode = await db.Sites.Where(s => s.Id == siteId).Select(s => s.Code).SingleAsync(cancellationToken).ConfigureAwait(false);
        var key = await siteKeys.GetKeyAsync(siteId, siteCode, cancellationToken).ConfigureAwait(false);
        return new DicomDeidentifier(new DeidentificationOptions
        {
            SiteCode = siteCode,
            SiteSecretKey = key,

            // Shifted dates keep the intervals between a participant's exams; times of day stay, so the phases keep their order.
            Temporal = TemporalInformation.ShiftDates,
        });
    }

    /// <summary>
    /// Deletes the stored files among <paramref name="hashes"/> that no committed instance refers to. Runs without
    /// the request's cancellation token, because it also cleans up after a cancelled upload.
    /// </summary>
    /// <remarks>
    /// NOTE: a concurrent upload of byte-identical files for the same participant may find such a file in place and
    /// skip writing it. When that upload commits after this check, its series misses the file. Identical
    /// de-identified bytes arise only from the same source files uploaded twice at the same moment.
    /// </remarks>
    private async Task DeleteUnreferencedAsync(List<string> hashes, Exception? ingestFailure)
    {
        if (hashes.Count == 0)
        {
            return;
        }

        try
        {
            var referenced = await db.Set<ImagingInstance>().AsNoTracking().Where(i => hashes.Contains(i.Sha256)).Select(i => i.Sha256)
                .Distinct().ToListAsync(CancellationToken.None).ConfigureAwait(false);
            var orphans = hashes.Except(referenced, StringComparer.Ordinal).ToList();
            foreach (var hash in orphans)
            {
                store.Delete(hash);
            }

            LogOrphansDeleted(logger, orphans.Count, ingestFailure is not null);
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException)
        {
            // The upload's own outcome (stored, or the original failure) matters more than the clean-up.
            LogOrphansNotDeleted(logger, exception, hashes.Count);
        }
    }

    /// <summary>Decides whether a checked series is new, an identical re-upload, or rejected.</summary>
    private async Task<(IngestSeriesResult Result, ImagingSeries? NewRow, ImagingSeries? ExistingRow)> ClassifyAsync(
        ImagingExam exam, CheckedSeries checkedSeries, DateTime now, CancellationToken cancellationToken)
    {
        var scanned = checkedSeries.Scanned;
        var name = SeriesIngest.DisplayName(scanned);
        var hint = checkedSeries.Row?.PhaseHint ?? nameof(ContrastPhase.Unknown);
        if (checkedSeries.Row is not { } row)
        {
            return (new IngestSeriesResult(null, scanned.SeriesDescription, scanned.Slices.Count, hint, IngestOutcome.Rejected, checkedSeries.RejectionMessage), null, null);
        }

        var hashes = checkedSeries.Files.Select(f => f.Stored.Sha256).ToList();
        var known = await db.Set<ImagingInstance>().AsNoTracking()
            .Where(i => hashes.Contains(i.Sha256))
            .Select(i => new { i.Sha256, i.SeriesId, i.Series!.ExamId, i.Series.Exam!.ParticipantId })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var otherParticipant = known.FirstOrDefault(k => k.ParticipantId != exam.ParticipantId);
        if (otherParticipant is not null)
        {
            var studyId = await db.Participants.Where(p => p.Id == otherParticipant.ParticipantId).Select(p => p.StudyId)
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            return (new IngestSeriesResult(null, scanned.SeriesDescription, row.SliceCount, hint, IngestOutcome.Rejected,
                ImagingMessages.Format("DuplicateOfOtherParticipant", name, studyId)), null, null);
        }

        var existing = exam.Series.FirstOrDefault(s => string.Equals(s.SeriesInstanceUid, row.SeriesInstanceUid, StringComparison.Ordinal));
        if (existing is not null || known.Count > 0)
        {
            var identical = existing is not null
                && known.Select(k => k.Sha256).Distinct(StringComparer.Ordinal).Count() == hashes.Distinct(StringComparer.Ordinal).Count()
                && known.All(k => k.SeriesId == existing.Id);
            return identical
                ? (new IngestSeriesResult(existing!.Id, scanned.SeriesDescription, row.SliceCount, existing.PhaseHint, IngestOutcome.Duplicate, ImagingMessages.Format("DuplicateUpload", name)), null, existing)
                : (new IngestSeriesResult(existing?.Id, scanned.SeriesDescription, row.SliceCount, hint, IngestOutcome.Rejected, ImagingMessages.Format("SeriesContentDiffers", name)), null, existing);
        }

        row.SiteId = exam.SiteId;
        row.CreatedAtUtc = now;
        foreach (var file in checkedSeries.Files)
        {
            foreach (var (sliceIndex, frame) in file.Slices)
            {
                row.Instances.Add(new ImagingInstance
                {
                    SliceIndex = sliceIndex,
                    Frame = frame,
                    SopInstanceUid = file.SopInstanceUid,
                    Sha256 = file.Stored.Sha256,
                    SizeBytes = file.Stored.SizeBytes,
                });
            }
        }

        exam.Series.Add(row);
        return (new IngestSeriesResult(null, scanned.SeriesDescription, row.SliceCount, hint, IngestOutcome.Stored, null), row, null);
    }

    private static IEnumerable<IngestFileResult> FileResults(string stagingDirectory, CheckedSeries checkedSeries, IngestSeriesResult series)
    {
        var used = checkedSeries.Files.Select(f => f.SourcePath).ToHashSet(StringComparer.Ordinal);
        foreach (var source in checkedSeries.Scanned.Slices.Select(s => s.Reference.Source).Distinct(StringComparer.Ordinal))
        {
            var name = RelativeName(stagingDirectory, source);
            yield return series.Outcome == IngestOutcome.Rejected
                ? new IngestFileResult(name, IngestOutcome.Rejected, series.Message)
                : used.Contains(source)
                    ? new IngestFileResult(name, series.Outcome, series.Message)
                    : new IngestFileResult(name, IngestOutcome.Duplicate, null);
        }
    }

    private static List<ValidationError> ValidatePhaseChoice(ImagingExam exam, int? arterialSeriesId, int? portalVenousSeriesId)
    {
        var errors = new List<ValidationError>();
        foreach (var (id, field) in new[] { (arterialSeriesId, "ArterialSeriesId"), (portalVenousSeriesId, "PortalVenousSeriesId") })
        {
            if (id is { } value && exam.Series.All(s => s.Id != value))
            {
                errors.Add(new ValidationError(field, "PhaseSeriesUnknown", ImagingMessages.Format("PhaseSeriesUnknown", value)));
            }
        }

        if (arterialSeriesId is not null && arterialSeriesId == portalVenousSeriesId)
        {
            errors.Add(new ValidationError("PortalVenousSeriesId", "PhasesSameSeries", ImagingMessages.Get("PhasesSameSeries")));
        }

        return errors;
    }

    private async Task<ImagingExamDetail> ToDetailAsync(StudyCaller caller, ImagingExam exam, CancellationToken cancellationToken)
    {
        var series = exam.Series.OrderBy(s => s.SeriesNumber ?? int.MaxValue).ThenBy(s => s.Id)
            .Select(s => new ImagingSeriesSummary(s.Id, s.SeriesInstanceUid, s.SeriesNumber, s.SeriesDescription, s.PhaseHint,
                s.PhaseHintConfidence, s.ConfirmedPhase, s.Columns, s.Rows, s.SliceCount, s.Warnings))
            .ToList();
        var jobs = await scheduler.ListJobsAsync(exam.Id, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<PredictionSummary> predictions = ImagingAccess.CanSeePredictions(caller)
            ? await scheduler.ListLatestPredictionsAsync(exam.Id, cancellationToken).ConfigureAwait(false)
            : [];

        string? missing = null;
        if (exam.PhasesConfirmed)
        {
            var hasArterial = series.Any(s => s.ConfirmedPhase == ConfirmedPhase.Arterial);
            var hasPortalVenous = series.Any(s => s.ConfirmedPhase == ConfirmedPhase.PortalVenous);
            var missingPhases = new List<string>();
            if (!hasArterial)
            {
                missingPhases.Add(ImagingMessages.Get("ArterialPhase"));
            }

            if (!hasPortalVenous)
            {
                missingPhases.Add(ImagingMessages.Get("PortalVenousPhase"));
            }

            missing = missingPhases.Count == 0 ? null : ImagingMessages.Format("PhaseMissing", string.Join(" / ", missingPhases));
        }

        return new ImagingExamDetail(exam.Id, exam.ParticipantId, exam.SiteId, exam.PhasesConfirmed, missing, exam.Version, series, jobs, predictions);
    }

    /// <summary>Saves the tracked changes and the audit entries built after the save (when keys are known), in one transaction.</summary>
    private async Task SaveWithAuditAsync(Func<IEnumerable<AuditEntry>> entriesAfterSave, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Lock the chain first, as every audited save does, so concurrent writers take locks in one order.
            await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.AddAuditEntries(entriesAfterSave().ToList());
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static IEnumerable<AuditEntry> SeriesCreatedEntries(StudyCaller caller, ImagingSeries row)
    {
        yield return Entry(caller, row, nameof(ImagingSeries.SeriesInstanceUid), null, row.SeriesInstanceUid, AuditAction.Create);
        yield return Entry(caller, row, nameof(ImagingSeries.SliceCount), null, row.SliceCount.ToString(CultureInfo.InvariantCulture), AuditAction.Create);
        yield return Entry(caller, row, nameof(ImagingSeries.ExamId), null, row.ExamId.ToString(CultureInfo.InvariantCulture), AuditAction.Create);
    }

    private static AuditEntry PhaseEntry(StudyCaller caller, ImagingSeries series, ConfirmedPhase? old) =>
        Entry(caller, series, nameof(ImagingSeries.ConfirmedPhase), old?.ToString(), series.ConfirmedPhase?.ToString(), AuditAction.Update);

    private static AuditEntry Entry(StudyCaller caller, ImagingSeries series, string field, string? oldValue, string? newValue, AuditAction action) => new()
    {
        UserId = caller.UserId,
        UserName = caller.UserName,
        SiteId = series.SiteId,
        EntityType = ImagingAuditEntityTypes.Series,
        EntityId = series.Id.ToString(CultureInfo.InvariantCulture),
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
        Action = action,
    };

    private static string RelativeName(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "{FileCount} stored image files that no series refers to were deleted (after a failed ingest: {AfterFailure})")]
    private static partial void LogOrphansDeleted(ILogger logger, int fileCount, bool afterFailure);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Stored image files of a failed or partly rejected ingest were not checked for deletion ({FileCount} files)")]
    private static partial void LogOrphansNotDeleted(ILogger logger, Exception exception, int fileCount);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Information, Message = "Imaging series {SeriesId} of exam {ExamId} removed; {JobCount} inference jobs cancelled")]
    private static partial void LogSeriesRemoved(ILogger logger, int seriesId, int examId, int jobCount);

    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Imaging exam {ExamId}: {SeriesCount} series with {SliceCount} slices stored")]
    private static partial void LogSeriesStored(ILogger logger, int examId, int seriesCount, int sliceCount);
}
