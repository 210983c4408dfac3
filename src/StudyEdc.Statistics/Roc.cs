namespace StudyEdc.Statistics;

/// <summary>One operating point of an empirical ROC curve.</summary>
/// <param name="Threshold">The cut-off; an observation is test-positive when score ≥ threshold. May be ±∞.</param>
/// <param name="Counts">The 2×2 table at the threshold.</param>
public readonly record struct RocPoint(double Threshold, ConfusionCounts Counts)
{
    /// <summary>TP / (TP + FN).</summary>
    public double Sensitivity => (double)Counts.TruePositives / Counts.Positives;

    /// <summary>TN / (TN + FP).</summary>
    public double Specificity => (double)Counts.TrueNegatives / Counts.Negatives;
}

/// <summary>The empirical ROC curve: one point per pROC threshold, in ascending threshold order.</summary>
/// <param name="Positives">The number of cases.</param>
/// <param name="Negatives">The number of controls.</param>
/// <param name="Points">The operating points; empty when the curve is not estimable.</param>
/// <param name="Problem">Why the curve is undefined (empty input or one class only); null otherwise.</param>
public sealed record RocCurve(int Positives, int Negatives, IReadOnlyList<RocPoint> Points, NotEstimable? Problem)
{
    /// <summary>The distinct scores in ascending order; point k's test-positive set starts at the k-th of them.</summary>
    internal IReadOnlyList<double> DistinctScores { get; init; } = [];
}

/// <summary>A threshold that maximises Youden's J = sensitivity + specificity − 1.</summary>
/// <param name="Threshold">pROC's threshold: the midpoint between two consecutive distinct scores, or ±∞.</param>
/// <param name="ObservedCutoff">
/// The smallest observed score at or above <paramref name="Threshold"/>, which gives the same table as a
/// "score ≥ cut-off" rule; null for +∞, where every observation is test-negative.
/// </param>
/// <param name="Sensitivity">Sensitivity at the threshold.</param>
/// <param name="Specificity">Specificity at the threshold.</param>
/// <param name="YoudenIndex">J = sensitivity + specificity − 1.</param>
/// <param name="Counts">The 2×2 table at the threshold.</param>
public sealed record YoudenThreshold(
    double Threshold, double? ObservedCutoff, double Sensitivity, double Specificity, double YoudenIndex, ConfusionCounts Counts);

/// <summary>The Youden-optimal thresholds; all ties for the maximum are listed in ascending order, as pROC does.</summary>
/// <param name="Best">The optimal thresholds; empty when the ROC curve is not estimable.</param>
/// <param name="Problem">Why no threshold exists (empty input or one class only); null otherwise.</param>
public sealed record YoudenResult(IReadOnlyList<YoudenThreshold> Best, NotEstimable? Problem);

/// <summary>The empirical ROC curve and the Youden-optimal threshold.</summary>
/// <remarks>
/// Conventions, shared with R's pROC called with <c>levels = c(0, 1), direction = "&lt;"</c>: a higher score means
/// more likely positive (malignant); an observation is test-positive when score ≥ threshold; the thresholds are
/// −∞, the midpoints between consecutive distinct scores, and +∞.
/// </remarks>
public static class Roc
{
    /// <summary>
    /// Computes the empirical ROC curve at pROC's thresholds. Empty input or a single class returns a curve with
    /// no points and a <see cref="RocCurve.Problem"/>. A constant score gives the two points at −∞ and +∞.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static RocCurve Curve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive)
    {
        ScoreValidation.Validate(scores, isPositive);
        var sorted = SortedScores.Create(scores, isPositive);
        var problem = ScoreValidation.CheckBothClasses(sorted.Positives, sorted.Negatives);
        if (problem is not null)
        {
            return new RocCurve(sorted.Positives, sorted.Negatives, [], problem);
        }

        var distinct = sorted.DistinctValues();
        var thresholds = MidpointThresholds(distinct);

        // Walk the distinct values from the top: at threshold k every value distinct[j] with j ≥ k is test-positive.
        var points = new RocPoint[thresholds.Length];
        int truePositives = 0, falsePositives = 0;
        points[^1] = new RocPoint(thresholds[^1], new ConfusionCounts(0, 0, sorted.Negatives, sorted.Positives));
        for (var k = distinct.Count - 1; k >= 0; k--)
        {
            truePositives += distinct[k].Positives;
            falsePositives += distinct[k].Negatives;
            points[k] = new RocPoint(thresholds[k], new ConfusionCounts(
                truePositives, falsePositives, sorted.Negatives - falsePositives, sorted.Positives - truePositives));
        }

        return new RocCurve(sorted.Positives, sorted.Negatives, points, null)
        {
            DistinctScores = distinct.Select(value => value.Score).ToArray(),
        };
    }

    /// <summary>
    /// Finds the thresholds that maximise sensitivity + specificity over the ROC curve. Every threshold whose
    /// criterion equals the maximum exactly is returned, so ties (for example −∞ and +∞ for a constant score)
    /// are all listed, as pROC's <c>coords(x = "best", best.method = "youden")</c> lists them.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static YoudenResult Youden(ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive) =>
        Youden(Curve(scores, isPositive));

    /// <summary>Finds the Youden-optimal thresholds of a curve computed by <see cref="Curve"/>.</summary>
    public static YoudenResult Youden(RocCurve curve)
    {
        ArgumentNullException.ThrowIfNull(curve);
        if (curve.Problem is not null)
        {
            return new YoudenResult([], curve.Problem);
        }

        // pROC compares sensitivity + specificity for exact equality, so the sums are formed the same way here.
        var best = double.NegativeInfinity;
        foreach (var point in curve.Points)
        {
            best = Math.Max(best, point.Sensitivity + point.Specificity);
        }

        var optimal = new List<YoudenThreshold>();
        for (var k = 0; k < curve.Points.Count; k++)
        {
            var point = curve.Points[k];
            var criterion = point.Sensitivity + point.Specificity;
            if (criterion == best)
            {
                optimal.Add(new YoudenThreshold(
                    point.Threshold, ObservedCutoff(curve, k), point.Sensitivity, point.Specificity, criterion - 1.0, point.Counts));
            }
        }

        return new YoudenResult(optimal, null);
    }

    /// <summary>
    /// Computes pROC's thresholds for distinct scores u₀ &lt; … &lt; u_(k−1): −∞, (u_(i−1) + u_i) / 2, +∞. A midpoint
    /// that rounds onto the lower of two adjacent doubles is moved to the upper one, so that "score ≥ threshold"
    /// still separates them (pROC 1.18 does the same for direction "&lt;").
    /// </summary>
    internal static double[] MidpointThresholds(IReadOnlyList<SortedScores.DistinctValue> distinct)
    {
        var thresholds = new double[distinct.Count + 1];
        thresholds[0] = double.NegativeInfinity;
        thresholds[^1] = double.PositiveInfinity;
        for (var i = 1; i < distinct.Count; i++)
        {
            var lower = distinct[i - 1].Score;
            var upper = distinct[i].Score;
            var midpoint = (lower + upper) / 2.0;

            // Beyond 1e100 the sum could overflow, so halve first as pROC does.
            if (Math.Abs(midpoint) > 1e100 || double.IsInfinity(midpoint))
            {
                midpoint = (lower / 2.0) + (upper / 2.0);
            }

            thresholds[i] = midpoint == lower ? upper : midpoint;
        }

        return thresholds;
    }

    private static double? ObservedCutoff(RocCurve curve, int index) =>
        index < curve.DistinctScores.Count ? curve.DistinctScores[index] : null;
}
