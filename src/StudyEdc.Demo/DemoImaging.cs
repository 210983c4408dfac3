using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Queue;

namespace StudyEdc.Demo;

/// <summary>Where the phantom's enhancing lesion lies in the portal-venous series, in pixels and slice indices.</summary>
internal sealed record PhantomLesionLocation(string SeriesInstanceUid, int BoxX, int BoxY, int BoxWidth, int BoxHeight, int FirstSlice, int LastSlice, decimal DiameterMm);

/// <summary>
/// Phantom AP/PVP exams for the demo, written at seed time by <see cref="DemoPhantomExam"/> and ingested through
/// the upload's ingest service (checked, de-identified with the site's key, stored content-addressed), and the
/// inference queue drained by the same job processor that the web host's worker runs.
/// </summary>
internal static class DemoImaging
{
    /// <summary>Writes, ingests and confirms one participant's exam, which queues its inference job, and returns the lesion's location.</summary>
    public static async Task<PhantomLesionLocation> IngestPhantomExamAsync(DemoSession session, StudyCaller coordinator, int participantId, int seed)
    {
        var staging = Directory.CreateTempSubdirectory("studyedc-demo-");
        try
        {
            DemoPhantomExam.Write(staging.FullName, seed);

            var upload = await session.RunAsync<IImagingService, ImagingUploadReport>($"ingest the phantom exam of participant {participantId}",
                (imaging, token) => imaging.IngestAsync(coordinator, participantId, staging.FullName, token)).ConfigureAwait(false);
            var rejected = upload.Series.Where(s => s.Outcome != IngestOutcome.Stored).Select(s => s.Message).ToList();
            if (rejected.Count > 0 || upload.Series.Count != 2)
            {
                throw new DemoSeedException($"The phantom exam of participant {participantId} was not stored as two series: {string.Join(" ", rejected)}");
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }

        var exam = await session.QueryAsync<IImagingService, ImagingExamDetail?>((imaging, token) => imaging.GetExamAsync(coordinator, participantId, token))
            .ConfigureAwait(false) ?? throw new DemoSeedException($"Participant {participantId} has no exam right after its ingest.");
        var arterial = exam.Series.Single(s => s.PhaseHint == nameof(ContrastPhase.Arterial));
        var portalVenous = exam.Series.Single(s => s.PhaseHint == nameof(ContrastPhase.PortalVenous));
        await session.RunAsync<IImagingService, ImagingExamDetail>($"confirm the phases of participant {participantId}",
            (imaging, token) => imaging.ConfirmPhasesAsync(coordinator, participantId, arterial.Id, portalVenous.Id, exam.Version, token)).ConfigureAwait(false);

        return LesionLocation(portalVenous.SeriesInstanceUid);
    }

    /// <summary>
    /// Runs every queued inference job with <see cref="InferenceJobProcessor"/>, one scope per job like the hosted
    /// worker, until none is due. Returns how many attempts ran.
    /// </summary>
    public static async Task<int> DrainInferenceQueueAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (true)
        {
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var processor = scope.ServiceProvider.GetRequiredService<InferenceJobProcessor>();
                if (!await processor.ProcessNextAsync(cancellationToken).ConfigureAwait(false))
                {
                    return attempts;
                }
            }

            attempts++;
        }
    }

    /// <summary>Returns the number of model detections stored for the participant, or throws when its job did not succeed.</summary>
    public static async Task<int> CountPredictionsAsync(DemoSession session, StudyCaller coordinator, int participantId)
    {
        var exam = await session.QueryAsync<IImagingService, ImagingExamDetail?>((imaging, token) => imaging.GetExamAsync(coordinator, participantId, token))
            .ConfigureAwait(false);
        var job = exam is { Jobs.Count: > 0 } ? exam.Jobs[0] : null;
        if (job is null || job.Status != InferenceJobStatus.Succeeded)
        {
            throw new DemoSeedException(
                $"The inference job of participant {participantId} ended as {job?.Status.ToString() ?? "missing"}: {job?.LastError}");
        }

        return exam!.Predictions.Count;
    }

    /// <summary>
    /// The box of the phantom's enhancing lesion in the portal-venous series: <see cref="SyntheticCtSeries.PhantomHu"/>
    /// draws it as an ellipse centred at 35 % of the width and 45 % of the height, with radii of 5 % of the matrix,
    /// in the middle third of the slices.
    /// </summary>
    private static PhantomLesionLocation LesionLocation(string seriesInstanceUid)
    {
        const double half = DemoPhantomExam.Matrix / 2.0;
        var radius = 0.1 * half;
        var centreColumn = half - (0.3 * half);
        var centreRow = half - (0.1 * half);
        var boxX = (int)Math.Floor(centreColumn - radius);
        var boxY = (int)Math.Floor(centreRow - radius);
        var size = (int)Math.Ceiling(2 * radius) + 1;
        var diameter = (decimal)Math.Round(2 * radius * DemoPhantomExam.PixelSpacingMm, 1);
        return new PhantomLesionLocation(seriesInstanceUid, boxX, boxY, size, size, DemoPhantomExam.PortalVenousSlices / 3, (2 * DemoPhantomExam.PortalVenousSlices / 3) - 1, diameter);
    }
}
