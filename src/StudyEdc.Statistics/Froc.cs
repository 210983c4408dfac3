using System.Globalization;

namespace StudyEdc.Statistics;

/// <summary>One detection mark (box) of the model after matching against the reference lesions.</summary>
/// <param name="Score">The mark's malignancy score; higher is more suspicious.</param>
/// <param name="IsMatched">True when the mark localizes a reference lesion (a lesion localization, LL); false for a
/// non-lesion localization (NL, a false-positive mark).</param>
public readonly record struct Detection(double Score, bool IsMatched);

/// <summary>One operating point of a free-response ROC (FROC) curve.</summary>
/// <param name="Threshold">Marks with score ≥ threshold are kept.</param>
/// <param name="LesionLocalizations">LL, the kept matched marks.</param>
/// <param name="NonLesionLocalizations">NL, the kept unmatched marks.</param>
/// <param name="LesionRecall">LLF = LL / number of lesions; null when there are no lesions.</param>
/// <param name="FalsePositivesPerImage">NLF = NL / number of images (patients).</param>
/// <param name="LesionPrecision">LL / (LL + NL); null when no mark is kept.</param>
public sealed record FrocPoint(
    double Threshold,
    int LesionLocalizations,
    int NonLesionLocalizations,
    double? LesionRecall,
    double? FalsePositivesPerImage,
    double? LesionPrecision);

/// <summary>An FROC curve: lesion recall against false-positive marks per image.</summary>
/// <param name="Lesions">The number of reference lesions.</param>
/// <param name="Images">The number of images (or patients) the marks were made on, including images without marks.</param>
/// <param name="Points">The operating points, by descending threshold for <see cref="Froc.Curve"/>.</param>
/// <param name="Problem">Why the curve is undefined (no images); null otherwise.</param>
public sealed record FrocCurve(int Lesions, int Images, IReadOnlyList<FrocPoint> Points, NotEstimable? Problem);

/// <summary>Lesion-level detection recall, precision and the FROC curve from matched detection marks.</summary>
/// <remarks>
/// The matching of boxes to lesions happens before this step and must match each lesion at most once, so LL never
/// exceeds the number of lesions; unmatched lesions simply have no mark. A mark is kept when score ≥ threshold.
/// </remarks>
public static class Froc
{
    /// <summary>Computes the FROC points at the given thresholds, in the order given.</summary>
    /// <exception cref="ArgumentException">A score is not finite, a count is negative, or more marks are matched than there are lesions.</exception>
    public static FrocCurve AtThresholds(
        IReadOnlyList<Detection> detections, int lesionCount, int imageCount, ReadOnlySpan<double> thresholds)
    {
        Validate(detections, lesionCount, imageCount);
        if (imageCount == 0)
        {
            return new FrocCurve(lesionCount, imageCount, [], NoImages());
        }

        var points = new List<FrocPoint>(thresholds.Length);
        foreach (var threshold in thresholds)
        {
            int lesionLocalizations = 0, nonLesionLocalizations = 0;
            foreach (var detection in detections)
            {
                if (detection.Score >= threshold)
                {
                    if (detection.IsMatched)
                    {
                        lesionLocalizations++;
                    }
                    else
                    {
                        nonLesionLocalizations++;
                    }
                }
            }

            points.Add(Point(threshold, lesionLocalizations, nonLesionLocalizations, lesionCount, imageCount));
        }

        return new FrocCurve(lesionCount, imageCount, points, null);
    }

    /// <summary>
    /// Computes the empirical FROC curve with one point at every distinct mark score, from the highest score down,
    /// in O(n log n).
    /// </summary>
    /// <exception cref="ArgumentException">A score is not finite, a count is negative, or more marks are matched than there are lesions.</exception>
    public static FrocCurve Curve(IReadOnlyList<Detection> detections, int lesionCount, int imageCount)
    {
        Validate(detections, lesionCount, imageCount);
        if (imageCount == 0)
        {
            return new FrocCurve(lesionCount, imageCount, [], NoImages());
        }

        var ordered = detections.OrderByDescending(detection => detection.Score).ToArray();
        var points = new List<FrocPoint>();
        int lesionLocalizations = 0, nonLesionLocalizations = 0;
        for (var i = 0; i < ordered.Length; i++)
        {
            if (ordered[i].IsMatched)
            {
                lesionLocalizations++;
            }
            else
            {
                nonLesionLocalizations++;
            }

            // Emit a point only after the last mark of a run of equal scores.
            if (i == ordered.Length - 1 || ordered[i + 1].Score != ordered[i].Score)
            {
                points.Add(Point(ordered[i].Score, lesionLocalizations, nonLesionLocalizations, lesionCount, imageCount));
            }
        }

        return new FrocCurve(lesionCount, imageCount, points, null);
    }

    private static FrocPoint Point(double threshold, int lesionLocalizations, int nonLesionLocalizations, int lesionCount, int imageCount)
    {
        var kept = lesionLocalizations + nonLesionLocalizations;
        return new FrocPoint(
            threshold,
            lesionLocalizations,
            nonLesionLocalizations,
            lesionCount > 0 ? (double)lesionLocalizations / lesionCount : null,
            (double)nonLesionLocalizations / imageCount,
            kept > 0 ? (double)lesionLocalizations / kept : null);
    }

    private static NotEstimable NoImages() =>
        new(NotEstimableReason.EmptyInput, "There are no images, so false-positive marks per image are undefined.");

    private static void Validate(IReadOnlyList<Detection> detections, int lesionCount, int imageCount)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentOutOfRangeException.ThrowIfNegative(lesionCount);
        ArgumentOutOfRangeException.ThrowIfNegative(imageCount);
        var matched = 0;
        for (var i = 0; i < detections.Count; i++)
        {
            if (!double.IsFinite(detections[i].Score))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Detection {i} has score {detections[i].Score}; every score must be a finite number."), nameof(detections));
            }

            matched += detections[i].IsMatched ? 1 : 0;
        }

        if (matched > lesionCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{matched} detections are matched but there are only {lesionCount} lesions; match each lesion to at most one detection."),
                nameof(detections));
        }
    }
}
