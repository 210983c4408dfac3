using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>Queues inference jobs (audited) and reads their status and detections for the UI.</summary>
public sealed class InferenceJobScheduler(StudyDbContext db, InferenceModelCatalog models, IConfiguration configuration, TimeProvider clock)
{
    /// <summary>Configuration key of the attempts a job gets before it is marked failed; default 3.</summary>
    public const string MaxAttemptsKey = "Inference:Queue:MaxAttempts";

    internal async Task<InferenceJob> EnqueueAsync(StudyCaller caller, ImagingExam exam, int arterialSeriesId, int portalVenousSeriesId, CancellationToken cancellationToken)
    {
        var model = await models.GetCurrentAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        var job = new InferenceJob
        {
            ExamId = exam.Id,
            SiteId = exam.SiteId,
            ArterialSeriesId = arterialSeriesId,
            PortalVenousSeriesId = portalVenousSeriesId,
            ModelName = model.Name,
            ModelVersion = model.Version,
            ModelSha256 = model.Sha256,
            Status = InferenceJobStatus.Queued,
            Step = nameof(Inference.Queue.InferenceStep.Queued),
            MaxAttempts = ReadMaxAttempts(),
            AvailableAtUtc = now,
            CreatedAtUtc = now,
            CreatedBy = caller.UserName,
        };
        db.Add(job);

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.AddAuditEntries(new AuditEntry
            {
                UserId = caller.UserId,
                UserName = caller.UserName,
                SiteId = exam.SiteId,
                EntityType = ImagingAuditEntityTypes.InferenceJob,
                EntityId = job.Id.ToString(CultureInfo.InvariantCulture),
                Field = "Model",
                NewValue = $"{model.Name} {model.Version} sha256:{model.Sha256}",
                Action = AuditAction.Create,
            });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        return job;
    }

    internal async Task<IReadOnlyList<InferenceJobSummary>> ListJobsAsync(int examId, CancellationToken cancellationToken)
    {
        var jobs = await db.Set<InferenceJob>().AsNoTracking().Where(j => j.ExamId == examId).OrderByDescending(j => j.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return jobs.Select(ToSummary).ToList();
    }

    /// <summary>The detections of the exam's most recent succeeded job, highest score first.</summary>
    internal async Task<IReadOnlyList<PredictionSummary>> ListLatestPredictionsAsync(int examId, CancellationToken cancellationToken)
    {
        var jobId = await LatestSucceededJobIdAsync(examId, cancellationToken).ConfigureAwait(false);
        if (jobId is null)
        {
            return [];
        }

        var rows = await db.Set<InferencePrediction>().AsNoTracking().Where(p => p.JobId == jobId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(p => p.Score).Select(p => new PredictionSummary(p.Id, p.JobId, p.Score, p.Malignancy,
            new VoxelRange(p.ArterialI0, p.ArterialJ0, p.ArterialK0, p.ArterialI1, p.ArterialJ1, p.ArterialK1),
            new VoxelRange(p.PortalVenousI0, p.PortalVenousJ0, p.PortalVenousK0, p.PortalVenousI1, p.PortalVenousJ1, p.PortalVenousK1),
            p.ModelName, p.ModelVersion)).ToList();
    }

    /// <summary>The patient-space boxes and scores of the exam's most recent succeeded job, for box matching.</summary>
    internal async Task<IReadOnlyList<ScoredBox>> ListLatestPatientBoxesAsync(int examId, CancellationToken cancellationToken)
    {
        var jobId = await LatestSucceededJobIdAsync(examId, cancellationToken).ConfigureAwait(false);
        if (jobId is null)
        {
            return [];
        }

        var rows = await db.Set<InferencePrediction>().AsNoTracking().Where(p => p.JobId == jobId).OrderBy(p => p.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(p => new ScoredBox(
            new PatientBox(new Vector3D(p.PatientMinX, p.PatientMinY, p.PatientMinZ), new Vector3D(p.PatientMaxX, p.PatientMaxY, p.PatientMaxZ)),
            p.Score)).ToList();
    }

    internal static InferenceJobSummary ToSummary(InferenceJob job) => new(job.Id, job.Status, job.Step, job.Attempts, job.MaxAttempts,
        job.LastError, job.ModelName, job.ModelVersion, job.ModelSha256, job.ExecutionProvider, job.CreatedAtUtc, job.CompletedAtUtc);

    private Task<long?> LatestSucceededJobIdAsync(int examId, CancellationToken cancellationToken) =>
        db.Set<InferenceJob>().AsNoTracking()
            .Where(j => j.ExamId == examId && j.Status == InferenceJobStatus.Succeeded)
            .OrderByDescending(j => j.CompletedAtUtc).ThenByDescending(j => j.Id)
            .Select(j => (long?)j.Id)
            .FirstOrDefaultAsync(cancellationToken);

    private int ReadMaxAttempts()
    {
        var value = configuration[MaxAttemptsKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 3;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var attempts) && attempts is >= 1 and <= 100
            ? attempts
            : throw new InvalidOperationException($"{MaxAttemptsKey} = '{value}' is invalid: set a whole number from 1 to 100.");
    }
}
