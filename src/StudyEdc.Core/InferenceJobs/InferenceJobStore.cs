using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Imaging;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>
/// The inference queue in the study database. A claim is one conditional UPDATE on the job's id, status and
/// current lease token. When several workers (in one process or many) race for a job, exactly one changes the
/// row and wins, and the others see zero rows changed and try the next job. Every later write of the worker is
/// conditioned on its own lease token, so a worker whose lease expired cannot overwrite its successor.
/// </summary>
internal sealed partial class InferenceJobStore(
    StudyDbContext db,
    ImageStore images,
    InferenceModelCatalog models,
    TimeProvider clock,
    ILogger<InferenceJobStore> logger) : IInferenceJobStore
{
    private const int MaxClaimRaces = 5;
    private const int MaxErrorLength = 2000;

    public async Task<InferenceWorkItem?> ClaimNextAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);

        for (var race = 0; race < MaxClaimRaces; race++)
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var candidate = await db.Set<InferenceJob>().AsNoTracking()
                .Where(j => (j.Status == InferenceJobStatus.Queued && j.AvailableAtUtc <= now)
                    || (j.Status == InferenceJobStatus.Running && j.LeaseExpiresAtUtc < now))
                .OrderBy(j => j.Id)
                .Select(j => new { j.Id, j.Status, j.LeaseToken, j.Attempts, j.MaxAttempts, j.ClaimedBy })
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (candidate is null)
            {
                return null;
            }

            var owned = db.Set<InferenceJob>().Where(j => j.Id == candidate.Id && j.Status == candidate.Status && j.LeaseToken == candidate.LeaseToken);
            if (candidate.Attempts >= candidate.MaxAttempts)
            {
                // The worker of the last attempt stopped without reporting; no attempt is left to give.
                var reason = $"The worker {candidate.ClaimedBy} stopped during the last attempt (its lease expired); no attempts are left.";
                await owned.ExecuteUpdateAsync(s => s
                    .SetProperty(j => j.Status, InferenceJobStatus.Failed)
                    .SetProperty(j => j.LastError, reason)
                    .SetProperty(j => j.LeaseToken, (Guid?)null)
                    .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null)
                    .SetProperty(j => j.CompletedAtUtc, now), cancellationToken).ConfigureAwait(false);
                LogJobAbandoned(logger, candidate.Id, candidate.Attempts);
                continue;
            }

            if (candidate.Status == InferenceJobStatus.Running)
            {
                LogLeaseExpired(logger, candidate.Id, candidate.ClaimedBy ?? "");
            }

            var token = Guid.NewGuid();
            var leaseEnd = now + leaseDuration;
            var claimed = await owned.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, InferenceJobStatus.Running)
                .SetProperty(j => j.Step, nameof(InferenceStep.Queued))
                .SetProperty(j => j.LeaseToken, token)
                .SetProperty(j => j.LeaseExpiresAtUtc, leaseEnd)
                .SetProperty(j => j.ClaimedBy, workerId)
                .SetProperty(j => j.Attempts, j => j.Attempts + 1)
                .SetProperty(j => j.StartedAtUtc, now), cancellationToken).ConfigureAwait(false);
            if (claimed == 1)
            {
                return await BuildWorkItemAsync(candidate.Id, token, cancellationToken).ConfigureAwait(false);
            }
        }

        return null;
    }

    public async Task<bool> ReportProgressAsync(InferenceWorkItem job, InferenceStep currentStep, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);

        var leaseEnd = clock.GetUtcNow().UtcDateTime + leaseDuration;
        var step = currentStep.ToString();
        var updated = await Owned(job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Step, step)
            .SetProperty(j => j.LeaseExpiresAtUtc, leaseEnd), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    public async Task<bool> CompleteAsync(InferenceWorkItem job, DetectionResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(result);

        var row = await db.Set<InferenceJob>().AsNoTracking().Where(j => j.Id == job.JobId).Select(j => new { j.ExamId, j.SiteId })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var provider = result.ExecutionProvider;

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            // Take the job first: the update succeeds only while this worker's lease is the current one.
            var updated = await Owned(job).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, InferenceJobStatus.Succeeded)
                .SetProperty(j => j.Step, nameof(InferenceStep.Done))
                .SetProperty(j => j.LeaseToken, (Guid?)null)
                .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null)
                .SetProperty(j => j.ExecutionProvider, provider)
                .SetProperty(j => j.CompletedAtUtc, now), cancellationToken).ConfigureAwait(false);
            if (updated != 1)
            {
                return false;
            }

            db.AddRange(result.Detections.Select(d => ToRow(job.JobId, row.ExamId, row.SiteId, result.Model, d)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<bool> FailAsync(InferenceWorkItem job, string reason, TimeSpan retryDelay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);

        var now = clock.GetUtcNow().UtcDateTime;
        var error = reason.Length <= MaxErrorLength ? reason : reason[..MaxErrorLength];
        var retry = job.Attempt < job.MaxAttempts;
        var status = retry ? InferenceJobStatus.Queued : InferenceJobStatus.Failed;
        var step = retry ? nameof(InferenceStep.Queued) : nameof(InferenceStep.Done);
        DateTime? completed = retry ? null : now;
        var availableAt = now + retryDelay;
        var updated = await Owned(job).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, status)
            .SetProperty(j => j.Step, step)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.LeaseToken, (Guid?)null)
            .SetProperty(j => j.LeaseExpiresAtUtc, (DateTime?)null)
            .SetProperty(j => j.AvailableAtUtc, availableAt)
            .SetProperty(j => j.CompletedAtUtc, completed), cancellationToken).ConfigureAwait(false);
        return updated == 1;
    }

    private IQueryable<InferenceJob> Owned(InferenceWorkItem job)
    {
        Guid? token = job.LeaseToken;
        return db.Set<InferenceJob>().Where(j => j.Id == job.JobId && j.Status == InferenceJobStatus.Running && j.LeaseToken == token);
    }

    private async Task<InferenceWorkItem> BuildWorkItemAsync(long jobId, Guid token, CancellationToken cancellationToken)
    {
        var job = await db.Set<InferenceJob>().AsNoTracking().SingleAsync(j => j.Id == jobId, cancellationToken).ConfigureAwait(false);
        var model = await models.ResolveAsync(job.ModelName, job.ModelVersion, job.ModelSha256, cancellationToken).ConfigureAwait(false)

            // A model this process cannot find still gets a work item; loading it fails and is recorded as the job's error.
            ?? new ModelReference(job.ModelName, job.ModelVersion, $"(model {job.ModelName} {job.ModelVersion} is not registered on this server)", job.ModelSha256);
        return new InferenceWorkItem(job.Id, job.Attempts, job.MaxAttempts, token, model,
            await SeriesFilesAsync(job.ArterialSeriesId, cancellationToken).ConfigureAwait(false),
            await SeriesFilesAsync(job.PortalVenousSeriesId, cancellationToken).ConfigureAwait(false));
    }

    private async Task<IReadOnlyList<string>> SeriesFilesAsync(int seriesId, CancellationToken cancellationToken)
    {
        var hashes = await db.Set<ImagingInstance>().AsNoTracking().Where(i => i.SeriesId == seriesId)
            .OrderBy(i => i.SliceIndex).Select(i => i.Sha256)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // The slices of a multi-frame file share one stored file, which the worker reads once.
        return hashes.Distinct(StringComparer.Ordinal).Select(images.PathFor).ToList();
    }

    private static InferencePrediction ToRow(long jobId, int examId, int siteId, ModelReference model, Detection detection) => new()
    {
        JobId = jobId,
        ExamId = examId,
        SiteId = siteId,
        Score = detection.Score,
        Malignancy = detection.Malignancy,
        PatientMinX = detection.PatientBox.Min.X,
        PatientMinY = detection.PatientBox.Min.Y,
        PatientMinZ = detection.PatientBox.Min.Z,
        PatientMaxX = detection.PatientBox.Max.X,
        PatientMaxY = detection.PatientBox.Max.Y,
        PatientMaxZ = detection.PatientBox.Max.Z,
        ArterialI0 = detection.ArterialVoxels.I0,
        ArterialJ0 = detection.ArterialVoxels.J0,
        ArterialK0 = detection.ArterialVoxels.K0,
        ArterialI1 = detection.ArterialVoxels.I1,
        ArterialJ1 = detection.ArterialVoxels.J1,
        ArterialK1 = detection.ArterialVoxels.K1,
        PortalVenousI0 = detection.PortalVenousVoxels.I0,
        PortalVenousJ0 = detection.PortalVenousVoxels.J0,
        PortalVenousK0 = detection.PortalVenousVoxels.K0,
        PortalVenousI1 = detection.PortalVenousVoxels.I1,
        PortalVenousJ1 = detection.PortalVenousVoxels.J1,
        PortalVenousK1 = detection.PortalVenousVoxels.K1,
        ModelName = model.Name,
        ModelVersion = model.Version,
        ModelSha256 = model.Sha256,
    };

    [LoggerMessage(EventId = 4200, Level = LogLevel.Warning, Message = "Inference job {JobId}: the lease of worker {WorkerId} expired; the job is claimed again")]
    private static partial void LogLeaseExpired(ILogger logger, long jobId, string workerId);

    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "Inference job {JobId} failed: its worker stopped during attempt {Attempts}, the last one")]
    private static partial void LogJobAbandoned(ILogger logger, long jobId, int attempts);
}
