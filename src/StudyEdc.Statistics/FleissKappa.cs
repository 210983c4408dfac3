using System.Globalization;
using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics;

/// <summary>Fleiss' kappa for agreement among a fixed number of raters on a nominal scale.</summary>
/// <param name="Subjects">N, the number of rated subjects.</param>
/// <param name="Raters">r, the number of ratings per subject.</param>
/// <param name="Categories">k, the number of categories.</param>
/// <param name="Kappa">κ = (P̄ − P̄e) / (1 − P̄e); null when not estimable.</param>
/// <param name="StandardError">The standard error of κ under the null hypothesis κ = 0 (Fleiss, Nee &amp; Landis 1979).</param>
/// <param name="Z">κ / SE, the statistic for testing κ = 0.</param>
/// <param name="PValue">The two-sided p-value of <paramref name="Z"/>.</param>
/// <param name="Problem">Why kappa is undefined; null otherwise.</param>
public sealed record FleissKappaResult(
    int Subjects, int Raters, int Categories, double? Kappa, double? StandardError, double? Z, double? PValue, NotEstimable? Problem);

/// <summary>Fleiss' (1971) kappa, Psychological Bulletin 76(5):378–382.</summary>
public static class FleissKappa
{
    /// <summary>
    /// Computes Fleiss' kappa from a subjects × categories table whose cell [i, j] counts the raters who put subject
    /// i in category j; every row must have the same total r ≥ 2. No subjects returns
    /// <see cref="NotEstimableReason.EmptyInput"/>; every rating in one category (P̄e = 1) returns
    /// <see cref="NotEstimableReason.NoRatingVariation"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A count is negative, rows differ in their totals, or r &lt; 2.</exception>
    public static FleissKappaResult Compute(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var subjects = counts.GetLength(0);
        var categories = counts.GetLength(1);
        if (subjects == 0)
        {
            return new FleissKappaResult(0, 0, categories, null, null, null, null,
                new NotEstimable(NotEstimableReason.EmptyInput, "There are no rated subjects."));
        }

        var raters = RatersPerSubject(counts);
        double n = subjects;
        double r = raters;

        // P̄: mean over subjects of the proportion of agreeing rater pairs; p_j: share of all ratings in category j.
        var categoryShares = new double[categories];
        var agreementSum = 0.0;
        for (var i = 0; i < subjects; i++)
        {
            double squares = 0;
            for (var j = 0; j < categories; j++)
            {
                squares += (double)counts[i, j] * counts[i, j];
                categoryShares[j] += counts[i, j];
            }

            agreementSum += (squares - r) / (r * (r - 1.0));
        }

        var meanAgreement = agreementSum / n;
        double expectedAgreement = 0, sumPq = 0, sumPqQMinusP = 0;
        for (var j = 0; j < categories; j++)
        {
            var p = categoryShares[j] / (n * r);
            var q = 1.0 - p;
            expectedAgreement += p * p;
            sumPq += p * q;
            sumPqQMinusP += p * q * (q - p);
        }

        if (sumPq == 0.0)
        {
            return new FleissKappaResult(subjects, raters, categories, null, null, null, null,
                new NotEstimable(NotEstimableReason.NoRatingVariation,
                    "Every rating falls in one category, so chance agreement is 1 and kappa is undefined."));
        }

        var kappa = (meanAgreement - expectedAgreement) / (1.0 - expectedAgreement);

        // NOTE: kappa is tested against Fleiss's published example; this standard error has no independent reference value in the tests.
        var standardError = Math.Sqrt(2.0) / (sumPq * Math.Sqrt(n * r * (r - 1.0)))
            * Math.Sqrt((sumPq * sumPq) - sumPqQMinusP);
        var z = kappa / standardError;
        return new FleissKappaResult(subjects, raters, categories, kappa, standardError, z, NormalDistribution.TwoSidedPValue(z), null);
    }

    private static int RatersPerSubject(int[,] counts)
    {
        var raters = -1;
        for (var i = 0; i < counts.GetLength(0); i++)
        {
            var total = 0;
            for (var j = 0; j < counts.GetLength(1); j++)
            {
                if (counts[i, j] < 0)
                {
                    throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                        $"Count [{i}, {j}] is {counts[i, j]}; counts of raters must not be negative."), nameof(counts));
                }

                total += counts[i, j];
            }

            if (raters >= 0 && total != raters)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Subject {i} has {total} ratings but subject 0 has {raters}; Fleiss' kappa needs the same number of raters for every subject."),
                    nameof(counts));
            }

            raters = total;
        }

        if (raters < 2)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Each subject has {raters} ratings; agreement needs at least 2 raters per subject."), nameof(counts));
        }

        return raters;
    }
}
