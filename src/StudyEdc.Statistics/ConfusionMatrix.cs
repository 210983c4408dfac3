namespace StudyEdc.Statistics;

/// <summary>The four cells of a 2×2 table of test result against reference standard.</summary>
public readonly record struct ConfusionCounts(int TruePositives, int FalsePositives, int TrueNegatives, int FalseNegatives)
{
    /// <summary>The number of observations in the table.</summary>
    public int Total => TruePositives + FalsePositives + TrueNegatives + FalseNegatives;

    /// <summary>The number of reference-positive observations (cases).</summary>
    public int Positives => TruePositives + FalseNegatives;

    /// <summary>The number of reference-negative observations (controls).</summary>
    public int Negatives => TrueNegatives + FalsePositives;
}

/// <summary>Counts a 2×2 table at a decision threshold.</summary>
public static class ConfusionMatrix
{
    /// <summary>
    /// Counts the 2×2 table at <paramref name="threshold"/>. An observation is test-positive when
    /// score ≥ threshold, so a score equal to the threshold counts as positive (pROC's rule for direction "&lt;").
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static ConfusionCounts AtThreshold(ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive, double threshold)
    {
        ScoreValidation.Validate(scores, isPositive);
        int truePositives = 0, falsePositives = 0, trueNegatives = 0, falseNegatives = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var testPositive = scores[i] >= threshold;
            if (isPositive[i])
            {
                if (testPositive)
                {
                    truePositives++;
                }
                else
                {
                    falseNegatives++;
                }
            }
            else if (testPositive)
            {
                falsePositives++;
            }
            else
            {
                trueNegatives++;
            }
        }

        return new ConfusionCounts(truePositives, falsePositives, trueNegatives, falseNegatives);
    }
}

/// <summary>
/// Sensitivity (recall), specificity, PPV (precision), NPV and accuracy of a 2×2 table, each with Wilson and
/// Clopper–Pearson intervals. A metric whose denominator is 0 has a null estimate and a
/// <see cref="NotEstimableReason.ZeroDenominator"/> problem.
/// </summary>
public sealed record DiagnosticAccuracy(
    double Threshold,
    ConfusionCounts Counts,
    Proportion Sensitivity,
    Proportion Specificity,
    Proportion PositivePredictiveValue,
    Proportion NegativePredictiveValue,
    Proportion Accuracy)
{
    /// <summary>Recall, the same proportion as <see cref="Sensitivity"/>.</summary>
    public Proportion Recall => Sensitivity;

    /// <summary>Precision, the same proportion as <see cref="PositivePredictiveValue"/>.</summary>
    public Proportion Precision => PositivePredictiveValue;

    /// <summary>Computes every metric of the table counted at <paramref name="threshold"/>.</summary>
    public static DiagnosticAccuracy FromCounts(double threshold, ConfusionCounts counts, double confidenceLevel = 0.95)
    {
        var truePositives = counts.TruePositives;
        var trueNegatives = counts.TrueNegatives;
        return new DiagnosticAccuracy(
            threshold,
            counts,
            BinomialInterval.Proportion(truePositives, truePositives + counts.FalseNegatives, confidenceLevel),
            BinomialInterval.Proportion(trueNegatives, trueNegatives + counts.FalsePositives, confidenceLevel),
            BinomialInterval.Proportion(truePositives, truePositives + counts.FalsePositives, confidenceLevel),
            BinomialInterval.Proportion(trueNegatives, trueNegatives + counts.FalseNegatives, confidenceLevel),
            BinomialInterval.Proportion(truePositives + trueNegatives, counts.Total, confidenceLevel));
    }

    /// <summary>Counts the table at <paramref name="threshold"/> (score ≥ threshold is positive) and computes every metric.</summary>
    public static DiagnosticAccuracy AtThreshold(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive, double threshold, double confidenceLevel = 0.95) =>
        FromCounts(threshold, ConfusionMatrix.AtThreshold(scores, isPositive, threshold), confidenceLevel);
}
