using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Matching;

/// <summary>A detection's box with the score that orders the greedy matching.</summary>
public readonly record struct ScoredBox(PatientBox Box, double Score);

/// <summary>A reference lesion and the detection matched to it, by their indices in the input lists.</summary>
public readonly record struct BoxMatch(int LesionIndex, int DetectionIndex, double Iou, double CentreDistanceMm);

/// <summary>
/// Result of matching: <see cref="UnmatchedLesions"/> are the lesions the protocol flags as "detection box does
/// not match the lesion"; <see cref="FalsePositives"/> are detections matched to no lesion. Indices refer to
/// the input lists and are in ascending order.
/// </summary>
public sealed record BoxMatchResult(
    IReadOnlyList<BoxMatch> Matches,
    IReadOnlyList<int> UnmatchedLesions,
    IReadOnlyList<int> FalsePositives);

/// <summary>Matches reference lesion boxes to detections, one to one.</summary>
public static class BoxMatcher
{
    /// <summary>
    /// Visits detections from the highest score down (equal scores in input order). Each takes, among the
    /// lesions still free that meet both thresholds, the one with the highest IoU (ties: the nearer centre,
    /// then the lower index). Empty inputs are allowed: no lesions makes every detection a false positive.
    /// </summary>
    public static BoxMatchResult Match(IReadOnlyList<PatientBox> lesions, IReadOnlyList<ScoredBox> detections,
        BoxMatchingOptions options)
    {
        ArgumentNullException.ThrowIfNull(lesions);
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(options);

        var lesionTaken = new bool[lesions.Count];
        var detectionTaken = new bool[detections.Count];
        var matches = new List<BoxMatch>();
        var order = Enumerable.Range(0, detections.Count).OrderByDescending(index => detections[index].Score);
        foreach (var detectionIndex in order)
        {
            var detection = detections[detectionIndex].Box;
            BoxMatch? best = null;
            for (var lesionIndex = 0; lesionIndex < lesions.Count; lesionIndex++)
            {
                if (lesionTaken[lesionIndex])
                {
                    continue;
                }

                var iou = lesions[lesionIndex].IntersectionOverUnion(detection);
                var distance = lesions[lesionIndex].CentreDistance(detection);
                if (iou < options.MinIou || distance > options.MaxCentreDistanceMm)
                {
                    continue;
                }

                if (best is null || iou > best.Value.Iou || (iou == best.Value.Iou && distance < best.Value.CentreDistanceMm))
                {
                    best = new BoxMatch(lesionIndex, detectionIndex, iou, distance);
                }
            }

            if (best is { } match)
            {
                lesionTaken[match.LesionIndex] = true;
                detectionTaken[detectionIndex] = true;
                matches.Add(match);
            }
        }

        return new BoxMatchResult(
            [.. matches.OrderBy(match => match.LesionIndex)],
            [.. Enumerable.Range(0, lesions.Count).Where(index => !lesionTaken[index])],
            [.. Enumerable.Range(0, detections.Count).Where(index => !detectionTaken[index])]);
    }
}
