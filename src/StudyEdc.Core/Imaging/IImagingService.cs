using StudyEdc.Core.Identity;
using StudyEdc.Core.InferenceJobs;

namespace StudyEdc.Core.Imaging;

/// <summary>
/// A participant's CT images: ingest of an upload, the series with their phases, and the slices for the viewer.
/// Scoped by <see cref="StudyCaller"/> like every casebook record: another site's participant is not found.
/// </summary>
public interface IImagingService
{
    /// <summary>
    /// Ingests the DICOM files under <paramref name="stagingDirectory"/> for a participant: each series is checked
    /// (CT, geometry, decodable pixel data), de-identified with the site's key and stored content-addressed, and all
    /// rows are written in one transaction, so nothing half-ingested becomes visible. The staging folder is left
    /// for the caller to delete. Returns one result per file and per series.
    /// </summary>
    Task<ServiceResult<ImagingUploadReport>> IngestAsync(StudyCaller caller, int participantId, string stagingDirectory, CancellationToken cancellationToken = default);

    /// <summary>
    /// Participants whose images the caller may view, ordered by Study ID. Radiologists get their site's participants
    /// here although the casebook is closed to them, because they read from the images.
    /// </summary>
    Task<IReadOnlyList<ImagingParticipant>> ListParticipantsAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>One participant whose images the caller may view; null when out of scope.</summary>
    Task<ImagingParticipant?> GetParticipantAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>The participant's exam with its series, jobs and (except for radiologists) the model's detections; null when there is none or it is out of scope.</summary>
    Task<ImagingExamDetail?> GetExamAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records which series is arterial and which portal-venous. Either may be null when the phase is missing,
    /// and the exam then reports the protocol's exclusion reason. With both present an inference job is queued
    /// for the current model.
    /// </summary>
    Task<ServiceResult<ImagingExamDetail>> ConfirmPhasesAsync(StudyCaller caller, int participantId, int? arterialSeriesId, int? portalVenousSeriesId, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Queues a new inference job for the confirmed phases with the current model, for example after a model change.</summary>
    Task<ServiceResult<InferenceJobSummary>> RequeueInferenceAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes a stored series of the exam, for a site coordinator or an Administrator, with a required reason.
    /// Its rows go and queued or running jobs that read it are cancelled, in one audited transaction. When it carried
    /// a confirmed phase, the phases must be confirmed again. A stored file is deleted only when no other series
    /// refers to it.
    /// </summary>
    Task<ServiceResult<ImagingExamDetail>> RemoveSeriesAsync(StudyCaller caller, int seriesId, string? reason, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>The stored file and frame of one slice of a series, for rendering; null when out of scope or range.</summary>
    Task<StoredSlice?> FindSliceAsync(StudyCaller caller, int seriesId, int sliceIndex, CancellationToken cancellationToken = default);
}

/// <summary>What happened to one uploaded file.</summary>
public enum IngestOutcome
{
    Stored,
    Duplicate,
    Rejected,
}

/// <summary>One uploaded file's outcome; <see cref="Message"/> is localized and set unless the file was stored.</summary>
public sealed record IngestFileResult(string FileName, IngestOutcome Outcome, string? Message);

/// <summary>One series found in the upload; <see cref="SeriesId"/> is set when it is stored (now or before).</summary>
public sealed record IngestSeriesResult(int? SeriesId, string? SeriesDescription, int SliceCount, string PhaseHint, IngestOutcome Outcome, string? Message);

public sealed record ImagingUploadReport(int ExamId, IReadOnlyList<IngestSeriesResult> Series, IReadOnlyList<IngestFileResult> Files);

public sealed record ImagingSeriesSummary(
    int Id,
    string SeriesInstanceUid,
    int? SeriesNumber,
    string? SeriesDescription,
    string PhaseHint,
    double PhaseHintConfidence,
    ConfirmedPhase? ConfirmedPhase,
    int Columns,
    int Rows,
    int SliceCount,
    string? Warnings);

/// <summary>
/// A participant's exam. <see cref="MissingPhaseMessage"/> is set once the phases are confirmed without one of
/// them: the protocol's exclusion reason "arterial or portal-venous phase missing".
/// </summary>
public sealed record ImagingExamDetail(
    int Id,
    int ParticipantId,
    int SiteId,
    bool PhasesConfirmed,
    string? MissingPhaseMessage,
    Guid Version,
    IReadOnlyList<ImagingSeriesSummary> Series,
    IReadOnlyList<InferenceJobSummary> Jobs,
    IReadOnlyList<PredictionSummary> Predictions)
{
    public ImagingSeriesSummary? Arterial => Series.FirstOrDefault(s => s.ConfirmedPhase == Imaging.ConfirmedPhase.Arterial);

    public ImagingSeriesSummary? PortalVenous => Series.FirstOrDefault(s => s.ConfirmedPhase == Imaging.ConfirmedPhase.PortalVenous);
}

/// <summary>A participant as the imaging pages show it: identifiers only, none of the casebook's data.</summary>
public sealed record ImagingParticipant(int Id, string StudyId, int SiteId, string SiteCode);

public sealed record StoredSlice(string FilePath, int Frame, int Columns, int Rows);
