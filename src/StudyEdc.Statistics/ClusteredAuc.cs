using System.Globalization;
using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics;

/// <summary>The AUC of clustered units (several lesions per patient) with Obuchowski's (1997) variance.</summary>
/// <param name="Clusters">I, the number of clusters (patients).</param>
/// <param name="ClustersWithPositive">I₁₀, the clusters with at least one positive unit.</param>
/// <param name="ClustersWithNegative">I₀₁, the clusters with at least one negative unit.</param>
/// <param name="Positives">M, the number of positive units.</param>
/// <param name="Negatives">N, the number of negative units.</param>
/// <param name="Auc">The AUC over all units (the same number as the unclustered AUC).</param>
/// <param name="Variance">The clustered variance S10/M + S01/N + 2 S11/(M N); null with fewer than 2 clusters
/// with a positive or with a negative unit.</param>
/// <param name="StandardError">√<paramref name="Variance"/>.</param>
/// <param name="Interval">AUC ± z·SE, not clipped.</param>
/// <param name="ClippedInterval">The interval clipped to [0, 1].</param>
/// <param name="ConfidenceLevel">The two-sided level of the intervals.</param>
/// <param name="Problem">Why the AUC or the variance is missing; null when both were computed.</param>
public sealed record ClusteredAucResult(
    int Clusters,
    int ClustersWithPositive,
    int ClustersWithNegative,
    int Positives,
    int Negatives,
    double? Auc,
    double? Variance,
    double? StandardError,
    ConfidenceInterval? Interval,
    ConfidenceInterval? ClippedInterval,
    double ConfidenceLevel,
    NotEstimable? Problem)
{
    /// <summary>S10 = I₁₀ / ((I₁₀ − 1) M) Σ (V10ᵢ − mᵢ θ)².</summary>
    public double? S10 { get; init; }

    /// <summary>S01 = I₀₁ / ((I₀₁ − 1) N) Σ (V01ᵢ − nᵢ θ)².</summary>
    public double? S01 { get; init; }

    /// <summary>S11 = I / (I − 1) Σ (V10ᵢ − mᵢ θ)(V01ᵢ − nᵢ θ).</summary>
    public double? S11 { get; init; }
}

/// <summary>
/// Nonparametric AUC analysis of clustered data after Obuchowski NA (1997), "Nonparametric analysis of clustered
/// ROC curve data", Biometrics 53(2):567–578. Units are lesions, clusters are patients.
/// </summary>
/// <remarks>
/// The per-unit placements are DeLong's (see <see cref="DeLong"/>), summed per cluster: V10ᵢ over the cluster's
/// positive units and V01ᵢ over its negative units (0 when it has none). With one unit per cluster S11 = 0 and the
/// variance reduces exactly to DeLong's. Higher score means positive; ties count ½.
/// </remarks>
public static class ClusteredAuc
{
    /// <summary>
    /// Computes the clustered AUC, variance and interval. <paramref name="clusterIds"/> gives each unit's cluster;
    /// any integers may be used. One class only returns a null AUC; fewer than 2 clusters with a positive or a
    /// negative unit returns a null variance; both come with a <see cref="ClusteredAucResult.Problem"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static ClusteredAucResult Obuchowski(
        ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive, ReadOnlySpan<int> clusterIds, double confidenceLevel = 0.95)
    {
        ScoreValidation.Validate(scores, isPositive);
        var z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        var clusters = ClusterSums.Index(clusterIds, isPositive);
        var sorted = SortedScores.Create(scores, isPositive);
        var problem = ScoreValidation.CheckBothClasses(sorted.Positives, sorted.Negatives);
        if (problem is not null)
        {
            return clusters.EmptyResult(null, confidenceLevel, problem);
        }

        var sums = clusters.Sum(DeLongPlacements.Compute(sorted));
        problem = clusters.CheckVariance();
        if (problem is not null)
        {
            return clusters.EmptyResult(sums.Theta, confidenceLevel, problem);
        }

        var s10 = clusters.S10(sums, sums);
        var s01 = clusters.S01(sums, sums);
        var s11 = clusters.S11(sums, sums);
        var variance = clusters.Combine(s10, s01, 2.0 * s11);
        var standardError = Math.Sqrt(variance);
        var interval = ConfidenceInterval.Around(sums.Theta, z * standardError);
        return new ClusteredAucResult(clusters.Count, clusters.WithPositive, clusters.WithNegative, clusters.Positives,
            clusters.Negatives, sums.Theta, variance, standardError, interval, interval.ClipToUnitInterval(), confidenceLevel, null)
        {
            S10 = s10,
            S01 = s01,
            S11 = s11,
        };
    }

    /// <summary>
    /// Compares two correlated clustered AUCs on the same units. The covariance is
    /// S10₁₂/M + S01₁₂/N + (S11₁₂ + S11₂₁)/(M N). Unlike <see cref="DeLong.Compare"/>, no 0/0 convention applies:
    /// when the variance of the difference is 0, Z and p are null with
    /// <see cref="NotEstimableReason.ZeroVarianceOfDifference"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length or a score is not finite.</exception>
    public static PairedAucComparison Compare(
        ReadOnlySpan<double> scoresA,
        ReadOnlySpan<double> scoresB,
        ReadOnlySpan<bool> isPositive,
        ReadOnlySpan<int> clusterIds,
        double confidenceLevel = 0.95)
    {
        ScoreValidation.ValidatePair(scoresA, scoresB, isPositive, confidenceLevel);
        var clusters = ClusterSums.Index(clusterIds, isPositive);
        var problem = ScoreValidation.CheckBothClasses(clusters.Positives, clusters.Negatives);
        if (problem is not null)
        {
            return PairedAucComparison.NotEstimable(problem);
        }

        var a = clusters.Sum(DeLongPlacements.Compute(SortedScores.Create(scoresA, isPositive)));
        var b = clusters.Sum(DeLongPlacements.Compute(SortedScores.Create(scoresB, isPositive)));
        problem = clusters.CheckVariance();
        if (problem is not null)
        {
            return PairedAucComparison.WithoutVariance(a.Theta, b.Theta, problem);
        }

        var variance1 = clusters.Combine(clusters.S10(a, a), clusters.S01(a, a), 2.0 * clusters.S11(a, a));
        var variance2 = clusters.Combine(clusters.S10(b, b), clusters.S01(b, b), 2.0 * clusters.S11(b, b));
        var covariance = clusters.Combine(clusters.S10(a, b), clusters.S01(a, b), clusters.S11(a, b) + clusters.S11(b, a));
        return PairedAucComparison.FromMoments(a.Theta, b.Theta, variance1, variance2, covariance, confidenceLevel,
            zeroOverZeroIsNoDifference: false);
    }

    /// <summary>The cluster of every unit and the per-cluster unit counts mᵢ (positive) and nᵢ (negative).</summary>
    private sealed class ClusterSums
    {
        private readonly int[] _clusterOfUnit;
        private readonly int[] _positivesIn;
        private readonly int[] _negativesIn;

        private ClusterSums(int[] clusterOfUnit, int[] positivesIn, int[] negativesIn)
        {
            _clusterOfUnit = clusterOfUnit;
            _positivesIn = positivesIn;
            _negativesIn = negativesIn;
            Positives = positivesIn.Sum();
            Negatives = negativesIn.Sum();
            WithPositive = positivesIn.Count(count => count > 0);
            WithNegative = negativesIn.Count(count => count > 0);
        }

        public int Count => _positivesIn.Length;

        public int WithPositive { get; }

        public int WithNegative { get; }

        public int Positives { get; }

        public int Negatives { get; }

        public static ClusterSums Index(ReadOnlySpan<int> clusterIds, ReadOnlySpan<bool> isPositive)
        {
            if (clusterIds.Length != isPositive.Length)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"There are {clusterIds.Length} cluster ids but {isPositive.Length} labels; pass one cluster id per unit."),
                    nameof(clusterIds));
            }

            var indexOfId = new Dictionary<int, int>();
            var clusterOfUnit = new int[clusterIds.Length];
            for (var i = 0; i < clusterIds.Length; i++)
            {
                if (!indexOfId.TryGetValue(clusterIds[i], out var index))
                {
                    index = indexOfId.Count;
                    indexOfId.Add(clusterIds[i], index);
                }

                clusterOfUnit[i] = index;
            }

            var positivesIn = new int[indexOfId.Count];
            var negativesIn = new int[indexOfId.Count];
            for (var i = 0; i < clusterOfUnit.Length; i++)
            {
                if (isPositive[i])
                {
                    positivesIn[clusterOfUnit[i]]++;
                }
                else
                {
                    negativesIn[clusterOfUnit[i]]++;
                }
            }

            return new ClusterSums(clusterOfUnit, positivesIn, negativesIn);
        }

        /// <summary>Sums the placements per cluster and centres them: Xᵢ = V10ᵢ − mᵢ θ, Yᵢ = V01ᵢ − nᵢ θ.</summary>
        public CenteredSums Sum(DeLongPlacements placements)
        {
            var x = new double[Count];
            var y = new double[Count];
            for (var unit = 0; unit < _clusterOfUnit.Length; unit++)
            {
                if (placements.IsPositive[unit])
                {
                    x[_clusterOfUnit[unit]] += placements.Values[unit];
                }
                else
                {
                    y[_clusterOfUnit[unit]] += placements.Values[unit];
                }
            }

            for (var cluster = 0; cluster < Count; cluster++)
            {
                x[cluster] -= _positivesIn[cluster] * placements.Theta;
                y[cluster] -= _negativesIn[cluster] * placements.Theta;
            }

            return new CenteredSums(placements.Theta, x, y);
        }

        public NotEstimable? CheckVariance()
        {
            if (WithPositive < 2)
            {
                return new NotEstimable(NotEstimableReason.TooFewClustersWithPositive, string.Create(CultureInfo.InvariantCulture,
                    $"The clustered variance needs at least 2 clusters with a positive unit and 2 with a negative unit; there are {WithPositive} and {WithNegative}."));
            }

            if (WithNegative < 2)
            {
                return new NotEstimable(NotEstimableReason.TooFewClustersWithNegative, string.Create(CultureInfo.InvariantCulture,
                    $"The clustered variance needs at least 2 clusters with a positive unit and 2 with a negative unit; there are {WithPositive} and {WithNegative}."));
            }

            return null;
        }

        public double S10(CenteredSums a, CenteredSums b) =>
            WithPositive / ((WithPositive - 1.0) * Positives) * Dot(a.X, b.X);

        public double S01(CenteredSums a, CenteredSums b) =>
            WithNegative / ((WithNegative - 1.0) * Negatives) * Dot(a.Y, b.Y);

        public double S11(CenteredSums a, CenteredSums b) => Count / (Count - 1.0) * Dot(a.X, b.Y);

        /// <summary>Combines the components as S10/M + S01/N + crossTerm/(M N).</summary>
        public double Combine(double s10, double s01, double crossTerm) =>
            (s10 / Positives) + (s01 / Negatives) + (crossTerm / ((double)Positives * Negatives));

        public ClusteredAucResult EmptyResult(double? auc, double confidenceLevel, NotEstimable problem) =>
            new(Count, WithPositive, WithNegative, Positives, Negatives, auc, null, null, null, null, confidenceLevel, problem);

        private static double Dot(double[] left, double[] right)
        {
            var sum = 0.0;
            for (var i = 0; i < left.Length; i++)
            {
                sum += left[i] * right[i];
            }

            return sum;
        }
    }

    private sealed record CenteredSums(double Theta, double[] X, double[] Y);
}
