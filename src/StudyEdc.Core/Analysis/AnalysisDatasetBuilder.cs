using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Lesions;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// Builds the analysis dataset of the whole study from the database in a few set-based queries, so that 5000
/// participants take seconds: participants and their eligibility, exclusions, lesion CRFs, and the detections of
/// each exam's latest succeeded inference job by the plan's model, matched to the lesion boxes with the same
/// <see cref="BoxMatcher"/> and thresholds as <see cref="LesionDetectionMatching"/>.
/// </summary>
internal sealed class AnalysisDatasetBuilder(StudyDbContext db, IOptions<BoxMatchingOptions> matchingOptions)
{
    public async Task<AnalysisDataset> BuildAsync(AnalysisPlanValues plan, CancellationToken cancellationToken)
    {
        var siteCodes = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, cancellationToken).ConfigureAwait(false);
        var participants = await db.Participants.AsNoTracking()
            .Select(p => new { p.Id, p.SiteId, p.StudyId, p.Eligibility, p.IneligibilityReasons })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var exclusions = (await db.Set<Exclusion>().AsNoTracking().Where(e => e.Criterion != null)
            .OrderBy(e => e.Id).Select(e => new { e.ParticipantId, e.Criterion })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(e => e.ParticipantId, e => e.Criterion!.Value.ToString());
        var lesions = (await db.Set<Lesion>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(l => l.ParticipantId);
        var exams = await db.Set<ImagingExam>().AsNoTracking()
            .ToDictionaryAsync(e => e.ParticipantId, e => e.Id, cancellationToken).ConfigureAwait(false);
        var series = (await db.Set<ImagingSeries>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(s => s.ExamId);
        var detections = await LatestDetectionsAsync(plan, cancellationToken).ConfigureAwait(false);

        var participantRows = new List<AnalysisParticipantRow>(participants.Count);
        var lesionRows = new List<AnalysisLesionRow>();
        var marks = new List<AnalysisFalsePositiveMark>();
        foreach (var participant in participants)
        {
            var siteCode = siteCodes[participant.SiteId];
            var examDetections = exams.TryGetValue(participant.Id, out var examId) && detections.TryGetValue(examId, out var found) ? found : null;
            var patientScore = examDetections is null ? (double?)null : examDetections.Select(d => d.Malignancy).DefaultIfEmpty(0).Max();
            participantRows.Add(new AnalysisParticipantRow(
                siteCode,
                participant.StudyId,
                participant.Eligibility,
                participant.IneligibilityReasons.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                [.. exclusions[participant.Id]],
                examDetections is not null,
                patientScore));

            var participantLesions = lesions[participant.Id].OrderBy(l => l.LesionNumber).ToList();
            MatchLesions(siteCode, participant.StudyId, participantLesions, examDetections, series[examId].ToList(), lesionRows, marks);
        }

        return new AnalysisDataset(
            plan,
            [.. participantRows.OrderBy(r => r.SiteCode, StringComparer.Ordinal).ThenBy(r => r.StudyId, StringComparer.Ordinal)],
            [.. lesionRows.OrderBy(r => r.SiteCode, StringComparer.Ordinal).ThenBy(r => r.StudyId, StringComparer.Ordinal).ThenBy(r => r.LesionNumber)],
            [.. marks.OrderBy(m => m.SiteCode, StringComparer.Ordinal).ThenBy(m => m.StudyId, StringComparer.Ordinal)
                .ThenByDescending(m => m.DetectionScore).ThenByDescending(m => m.Malignancy)]);
    }

    /// <summary>
    /// Adds one row per lesion and one mark per detection that matched no lesion. Detections are null when the
    /// index test was not done, and then every lesion's result is unknown.
    /// </summary>
    private void MatchLesions(
        string siteCode,
        string studyId,
        List<Lesion> lesions,
        List<InferencePrediction>? detections,
        List<ImagingSeries> series,
        List<AnalysisLesionRow> lesionRows,
        List<AnalysisFalsePositiveMark> marks)
    {
        var boxes = lesions.Select(l => LesionDetectionMatching.LesionBox(BoxValues(l), series)).ToList();
        if (detections is null)
        {
            lesionRows.AddRange(lesions.Select((l, i) => Row(siteCode, studyId, l, boxes[i] is not null, null, null)));
            return;
        }

        var drawn = Enumerable.Range(0, lesions.Count).Where(i => boxes[i] is not null).ToList();
        var scored = detections.Select(d => new ScoredBox(
            new PatientBox(new Vector3D(d.PatientMinX, d.PatientMinY, d.PatientMinZ), new Vector3D(d.PatientMaxX, d.PatientMaxY, d.PatientMaxZ)),
            d.Score)).ToList();
        var result = BoxMatcher.Match(drawn.Select(i => boxes[i]!.Value).ToList(), scored, matchingOptions.Value);
        var matchedDetection = result.Matches.ToDictionary(m => drawn[m.LesionIndex], m => detections[m.DetectionIndex]);

        for (var i = 0; i < lesions.Count; i++)
        {
            lesionRows.Add(boxes[i] is null
                ? Row(siteCode, studyId, lesions[i], false, null, null)
                : Row(siteCode, studyId, lesions[i], true, true, matchedDetection.GetValueOrDefault(i)));
        }

        marks.AddRange(result.FalsePositives.Select(index => new AnalysisFalsePositiveMark(siteCode, studyId, detections[index].Score, detections[index].Malignancy)));
    }

    private static AnalysisLesionRow Row(string siteCode, string studyId, Lesion lesion, bool hasBox, bool? indexTestDone, InferencePrediction? match) =>
        new(
            siteCode,
            studyId,
            lesion.LesionNumber,
            lesion.Nature,
            lesion.ReferenceStandard,
            hasBox,
            indexTestDone is null ? null : match is not null,
            match?.Score,
            indexTestDone is null ? null : match?.Malignancy ?? 0);

    private static LesionInput BoxValues(Lesion lesion) => new()
    {
        LesionNumber = lesion.LesionNumber,
        SeriesInstanceUid = lesion.SeriesInstanceUid,
        FirstSlice = lesion.FirstSlice,
        LastSlice = lesion.LastSlice,
        BoxX = lesion.BoxX,
        BoxY = lesion.BoxY,
        BoxWidth = lesion.BoxWidth,
        BoxHeight = lesion.BoxHeight,
    };

    /// <summary>The detections of each exam's latest succeeded job by the plan's model, keyed by exam id.</summary>
    private async Task<Dictionary<int, List<InferencePrediction>>> LatestDetectionsAsync(AnalysisPlanValues plan, CancellationToken cancellationToken)
    {
        var jobs = await db.Set<InferenceJob>().AsNoTracking()
            .Where(j => j.Status == InferenceJobStatus.Succeeded && j.ModelName == plan.ModelName
                && j.ModelVersion == plan.ModelVersion && j.ModelSha256 == plan.ModelSha256)
            .Select(j => new { j.Id, j.ExamId, j.CompletedAtUtc })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var latestJobIds = jobs.GroupBy(j => j.ExamId)
            .Select(g => g.OrderByDescending(j => j.CompletedAtUtc).ThenByDescending(j => j.Id).First())
            .ToDictionary(j => j.Id, j => j.ExamId);

        var result = latestJobIds.Values.Distinct().ToDictionary(examId => examId, _ => new List<InferencePrediction>());
        var predictions = await db.Set<InferencePrediction>().AsNoTracking()
            .Where(p => p.ModelName == plan.ModelName && p.ModelVersion == plan.ModelVersion && p.ModelSha256 == plan.ModelSha256)
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var prediction in predictions)
        {
            if (latestJobIds.TryGetValue(prediction.JobId, out var examId))
            {
                result[examId].Add(prediction);
            }
        }

        return result;
    }
}
