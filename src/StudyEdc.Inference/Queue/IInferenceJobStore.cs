using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Queue;

/// <summary>
/// The durable inference queue as the worker sees it. The study database implements it (StudyEdc.Core), so this
/// library stays free of the study's entities. Every method must be safe to call from several processes that share
/// one database: a job is owned by the worker whose lease on it has not expired.
/// </summary>
public interface IInferenceJobStore
{
    /// <summary>
    /// Claims the oldest job that is queued and due, or running under an expired lease (its worker died), for
    /// <paramref name="workerId"/> until <paramref name="leaseDuration"/> from now. Returns null when no job is
    /// due. A job whose attempts are used up is marked failed instead of being returned.
    /// </summary>
    Task<InferenceWorkItem?> ClaimNextAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Records progress and extends the lease. Returns false when the worker no longer owns the job (its lease
    /// expired and another worker claimed it), so the worker must stop and discard its work.
    /// </summary>
    Task<bool> ReportProgressAsync(InferenceWorkItem job, InferenceStep currentStep, TimeSpan leaseDuration, CancellationToken cancellationToken);

    /// <summary>Stores the detections and marks the job succeeded; false when the worker no longer owns the job.</summary>
    Task<bool> CompleteAsync(InferenceWorkItem job, DetectionResult result, CancellationToken cancellationToken);

    /// <summary>
    /// Records a failed attempt with its <paramref name="reason"/>: the job is queued again after <paramref name="retryDelay"/>
    /// while attempts remain, otherwise it is marked failed. False when the worker no longer owns the job.
    /// </summary>
    Task<bool> FailAsync(InferenceWorkItem job, string reason, TimeSpan retryDelay, CancellationToken cancellationToken);
}

/// <summary>
/// A claimed job: the model to run and the stored files of the two phases. <paramref name="Attempt"/> counts from
/// 1 and includes this one; <paramref name="LeaseToken"/> identifies this claim.
/// </summary>
public sealed record InferenceWorkItem(
    long JobId,
    int Attempt,
    int MaxAttempts,
    Guid LeaseToken,
    ModelReference Model,
    IReadOnlyList<string> ArterialFiles,
    IReadOnlyList<string> PortalVenousFiles);

/// <summary>The step a job is in, stored as its progress.</summary>
public enum InferenceStep
{
    Queued,
    Decoding,
    Inferring,
    Storing,
    Done,
}
