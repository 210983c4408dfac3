namespace StudyEdc.Statistics;

/// <summary>Every accuracy statistic of one group of observations (a site, or all sites pooled).</summary>
/// <param name="Count">The number of observations.</param>
/// <param name="Positives">The number of positives (cases).</param>
/// <param name="Negatives">The number of negatives (controls).</param>
/// <param name="DeLong">The AUC with its DeLong variance and interval.</param>
/// <param name="Clustered">The clustered (Obuchowski) AUC; null when no cluster ids were given.</param>
/// <param name="Youden">The Youden-optimal thresholds.</param>
/// <param name="AtThresholds">The 2×2 metrics at each requested threshold, in the order requested.</param>
/// <param name="Curve">The empirical ROC curve.</param>
public sealed record AccuracySummary(
    int Count,
    int Positives,
    int Negatives,
    AucResult DeLong,
    ClusteredAucResult? Clustered,
    YoudenResult Youden,
    IReadOnlyList<DiagnosticAccuracy> AtThresholds,
    RocCurve Curve);

/// <summary>One call that computes everything a per-site or pooled accuracy report shows.</summary>
public static class AccuracyAnalysis
{
    /// <summary>
    /// Computes the ROC curve, AUC with DeLong interval, the clustered AUC when <paramref name="clusterIds"/> is not
    /// empty, the Youden-optimal thresholds and the 2×2 metrics at each threshold (score ≥ threshold is positive).
    /// Degenerate groups (empty, one class) return results whose problems say why, never an exception.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static AccuracySummary Run(
        ReadOnlySpan<double> scores,
        ReadOnlySpan<bool> isPositive,
        ReadOnlySpan<int> clusterIds,
        ReadOnlySpan<double> thresholds,
        double confidenceLevel = 0.95)
    {
        var curve = Roc.Curve(scores, isPositive);
        var deLong = DeLong.Auc(scores, isPositive, confidenceLevel);
        var clustered = clusterIds.IsEmpty ? null : ClusteredAuc.Obuchowski(scores, isPositive, clusterIds, confidenceLevel);
        var atThresholds = new List<DiagnosticAccuracy>(thresholds.Length);
        foreach (var threshold in thresholds)
        {
            atThresholds.Add(DiagnosticAccuracy.AtThreshold(scores, isPositive, threshold, confidenceLevel));
        }

        return new AccuracySummary(
            scores.Length, curve.Positives, curve.Negatives, deLong, clustered, Roc.Youden(curve), atThresholds, curve);
    }
}
