using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Lesions;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.InferenceJobs;

/// <summary>
/// How one reference lesion fared against the model's latest detections. <see cref="IsFlagged"/> marks the
/// protocol's exclusion "detection box does not match the lesion", for the coordinator to confirm; a lesion
/// without a drawn box is not matched and not flagged.
/// </summary>
public sealed record LesionMatch(int LesionId, int LesionNumber, bool HasBox, bool IsFlagged, double? Iou, double? CentreDistanceMm, double? DetectionScore);

/// <summary>
/// Matches each lesion CRF's box (drawn on one series of the exam: in-plane pixel box plus slice range) to the
/// detections of the exam's latest succeeded inference job, in patient coordinates, with the configured 3D IoU and
/// centre-distance thresholds. Site scoping and blinding follow the lesion CRF: radiologists get nothing.
/// </summary>
public sealed class LesionDetectionMatching(StudyDbContext db, ILesionService lesions, InferenceJobScheduler jobs, IOptions<BoxMatchingOptions> options)
{
    /// <summary>Returns one entry per lesion CRF, or an empty list when the exam has no succeeded job yet.</summary>
    public async Task<IReadOnlyList<LesionMatch>> MatchAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var lesionRows = await lesions.ListAsync(caller, participantId, cancellationToken).ConfigureAwait(false);
        var examId = await db.Set<ImagingExam>().Where(e => e.ParticipantId == participantId).Select(e => (int?)e.Id)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (lesionRows.Count == 0 || examId is null)
        {
            return [];
        }

        var predictions = await jobs.ListLatestPatientBoxesAsync(examId.Value, cancellationToken).ConfigureAwait(false);
        if (predictions.Count == 0)
        {
            return [];
        }

        var series = await db.Set<ImagingSeries>().AsNoTracking().Where(s => s.ExamId == examId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var boxes = lesionRows.Select(l => (Lesion: l, Box: LesionBox(l.Values, series))).ToList();
        var drawn = boxes.Where(b => b.Box is not null).ToList();
        var result = BoxMatcher.Match(drawn.Select(b => b.Box!.Value).ToList(), predictions, options.Value);

        var matches = result.Matches.ToDictionary(m => drawn[m.LesionIndex].Lesion.Id);
        return boxes.Select(b =>
        {
            if (b.Box is null)
            {
                return new LesionMatch(b.Lesion.Id, b.Lesion.Values.LesionNumber, false, false, null, null, null);
            }

            return matches.TryGetValue(b.Lesion.Id, out var match)
                ? new LesionMatch(b.Lesion.Id, b.Lesion.Values.LesionNumber, true, false, match.Iou, match.CentreDistanceMm, predictions[match.DetectionIndex].Score)
                : new LesionMatch(b.Lesion.Id, b.Lesion.Values.LesionNumber, true, true, null, null, null);
        }).ToList();
    }

    /// <summary>
    /// The patient-space box of a lesion drawn on a stored series: the pixel box's outer edges (half a voxel
    /// beyond the first and last voxel centre) on every slice of its range, through the series' geometry.
    /// Null when the lesion has no complete box or names no series of the exam.
    /// </summary>
    internal static PatientBox? LesionBox(LesionInput values, IReadOnlyList<ImagingSeries> series)
    {
        if (values is not { BoxX: { } x, BoxY: { } y, BoxWidth: { } width, BoxHeight: { } height, FirstSlice: { } first, LastSlice: { } last })
        {
            return null;
        }

        var row = series.FirstOrDefault(s => string.Equals(s.SeriesInstanceUid, values.SeriesInstanceUid, StringComparison.Ordinal));
        if (row is null)
        {
            return null;
        }

        var directions = row.Directions.Split('\\').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var rowDirection = new Vector3D(directions[0], directions[1], directions[2]);
        var columnDirection = new Vector3D(directions[3], directions[4], directions[5]);
        var sliceDirection = new Vector3D(directions[6], directions[7], directions[8]);
        var origin = new Vector3D(row.OriginX, row.OriginY, row.OriginZ);

        var min = new Vector3D(double.MaxValue, double.MaxValue, double.MaxValue);
        var max = new Vector3D(double.MinValue, double.MinValue, double.MinValue);
        foreach (var i in new[] { x - 0.5, x + width - 0.5 })
        {
            foreach (var j in new[] { y - 0.5, y + height - 0.5 })
            {
                foreach (var k in new[] { first - 0.5, last + 0.5 })
                {
                    var point = origin + (rowDirection * (i * row.SpacingX)) + (columnDirection * (j * row.SpacingY)) + (sliceDirection * (k * row.SpacingZ));
                    min = new Vector3D(Math.Min(min.X, point.X), Math.Min(min.Y, point.Y), Math.Min(min.Z, point.Z));
                    max = new Vector3D(Math.Max(max.X, point.X), Math.Max(max.Y, point.Y), Math.Max(max.Z, point.Z));
                }
            }
        }

        return new PatientBox(min, max);
    }
}
