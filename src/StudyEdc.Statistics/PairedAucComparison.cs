using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics;

/// <summary>A paired comparison of two AUCs measured on the same observations.</summary>
/// <param name="Auc1">The first AUC.</param>
/// <param name="Auc2">The second AUC.</param>
/// <param name="Difference">AUC₁ − AUC₂.</param>
/// <param name="Variance1">The variance of AUC₁.</param>
/// <param name="Variance2">The variance of AUC₂.</param>
/// <param name="Covariance">The covariance of the two AUCs.</param>
/// <param name="VarianceOfDifference">var₁ + var₂ − 2 cov₁₂.</param>
/// <param name="StandardErrorOfDifference">√<paramref name="VarianceOfDifference"/>.</param>
/// <param name="Z">The difference divided by its standard error.</param>
/// <param name="PValue">The two-sided p-value 2 Φ(−|Z|).</param>
/// <param name="DifferenceInterval">Difference ± z·SE (not clipped).</param>
/// <param name="Problem">Why some of the values are missing; null when all were computed.</param>
public sealed record PairedAucComparison(
    double? Auc1,
    double? Auc2,
    double? Difference,
    double? Variance1,
    double? Variance2,
    double? Covariance,
    double? VarianceOfDifference,
    double? StandardErrorOfDifference,
    double? Z,
    double? PValue,
    ConfidenceInterval? DifferenceInterval,
    NotEstimable? Problem)
{
    internal static PairedAucComparison NotEstimable(NotEstimable problem) =>
        new(null, null, null, null, null, null, null, null, null, null, null, problem);

    internal static PairedAucComparison WithoutVariance(double auc1, double auc2, NotEstimable problem) =>
        new(auc1, auc2, auc1 - auc2, null, null, null, null, null, null, null, null, problem);

    /// <summary>
    /// Computes the test from the two AUCs, their variances and covariance. When the variance of the difference and
    /// the difference are both 0, <paramref name="zeroOverZeroIsNoDifference"/> = true reports Z = 0 and p = 1 (pROC's
    /// DeLong convention) and false leaves Z and p null.
    /// </summary>
    internal static PairedAucComparison FromMoments(
        double auc1, double auc2, double variance1, double variance2, double covariance, double confidenceLevel,
        bool zeroOverZeroIsNoDifference)
    {
        var z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        var difference = auc1 - auc2;

        // The variance of a difference cannot be negative; a tiny negative value is rounding (identical scores).
        var varianceOfDifference = Math.Max(variance1 + variance2 - (2.0 * covariance), 0.0);
        var standardError = Math.Sqrt(varianceOfDifference);
        var interval = ConfidenceInterval.Around(difference, z * standardError);
        double? statistic;
        double? pValue;
        NotEstimable? problem = null;
        if (varianceOfDifference > 0.0)
        {
            statistic = difference / standardError;
            pValue = NormalDistribution.TwoSidedPValue(statistic.Value);
        }
        else if (difference == 0.0 && zeroOverZeroIsNoDifference)
        {
            statistic = 0.0;
            pValue = 1.0;
        }
        else
        {
            statistic = null;
            pValue = null;
            problem = new NotEstimable(NotEstimableReason.ZeroVarianceOfDifference,
                "The variance of the AUC difference is 0 (for example two perfectly separating or constant scores), so no Z statistic exists.");
        }

        return new PairedAucComparison(auc1, auc2, difference, variance1, variance2, covariance, varianceOfDifference,
            standardError, statistic, pValue, interval, problem);
    }
}
