using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Queue;

/// <summary>
/// Runs one job of the queue: claims it, assembles the two phases from their stored files, runs the model and
/// stores the detections. A failure is recorded on the job, which the queue retries until its attempts are used up.
/// </summary>
public sealed partial class InferenceJobProcessor(
    IInferenceJobStore store,
    LesionDetector detector,
    IOptions<InferenceQueueOptions> options,
    ILogger<InferenceJobProcessor> logger)
{
    private readonly string _workerId = options.Value.ResolveWorkerId();

    private TimeSpan Lease => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Processes the next due job; returns false when the queue had none.</summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        var job = await store.ClaimNextAsync(_workerId, Lease, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return false;
        }

        LogJobClaimed(logger, job.JobId, job.Attempt, job.MaxAttempts, _workerId);
        try
        {
            await RunAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InferenceException or DicomReadException or IOException)
        {
            LogJobAttemptFailed(logger, exception, job.JobId, job.Attempt, job.MaxAttempts);
            var retryDelay = TimeSpan.FromSeconds(options.Value.RetryDelaySeconds);
            await store.FailAsync(job, exception.Message, retryDelay, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private async Task RunAsync(InferenceWorkItem job, CancellationToken cancellationToken)
    {
        if (!await store.ReportProgressAsync(job, InferenceStep.Decoding, Lease, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseLost(logger, job.JobId, _workerId);
            return;
        }

        var arterial = AssembleVolume(job.ArterialFiles, "arterial", cancellationToken);
        var portalVenous = AssembleVolume(job.PortalVenousFiles, "portal-venous", cancellationToken);
        if (!await store.ReportProgressAsync(job, InferenceStep.Inferring, Lease, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseLost(logger, job.JobId, _workerId);
            return;
        }

        var result = await detector.DetectAsync(job.Model, arterial, portalVenous, cancellationToken).ConfigureAwait(false);
        if (!await store.ReportProgressAsync(job, InferenceStep.Storing, Lease, cancellationToken).ConfigureAwait(false)
            || !await store.CompleteAsync(job, result, cancellationToken).ConfigureAwait(false))
        {
            LogLeaseLost(logger, job.JobId, _workerId);
            return;
        }

        LogJobSucceeded(logger, job.JobId, result.Detections.Count, result.ExecutionProvider);
    }

    /// <summary>Assembles one phase from its stored files, which ingest has already checked.</summary>
    internal static CtVolume AssembleVolume(IReadOnlyList<string> files, string phase, CancellationToken cancellationToken)
    {
        var scan = DicomSeriesScanner.Scan(files, cancellationToken: cancellationToken);
        if (scan.Series.Count != 1)
        {
            throw new InferenceException(string.Create(CultureInfo.InvariantCulture,
                $"The stored {phase} files form {scan.Series.Count} series ({scan.Skipped.Count} files unreadable), not one; upload the phase again."));
        }

        var assembly = SeriesAssembler.Assemble(scan.Series[0], cancellationToken: cancellationToken);
        return assembly.Volume ?? throw new InferenceException(
            $"The stored {phase} series cannot be assembled: "
            + string.Join("; ", assembly.Problems.Where(p => p.Severity == SeriesProblemSeverity.Error).Select(p => p.Description)));
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Inference job {JobId} claimed (attempt {Attempt} of {MaxAttempts}) by worker {WorkerId}")]
    private static partial void LogJobClaimed(ILogger logger, long jobId, int attempt, int maxAttempts, string workerId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Inference job {JobId} succeeded with {DetectionCount} detections on {ExecutionProvider}")]
    private static partial void LogJobSucceeded(ILogger logger, long jobId, int detectionCount, string executionProvider);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Inference job {JobId} failed in attempt {Attempt} of {MaxAttempts}")]
    private static partial void LogJobAttemptFailed(ILogger logger, Exception exception, long jobId, int attempt, int maxAttempts);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Inference job {JobId} is no longer owned by worker {WorkerId} (lease expired); its result was discarded")]
    private static partial void LogLeaseLost(ILogger logger, long jobId, string workerId);
}
