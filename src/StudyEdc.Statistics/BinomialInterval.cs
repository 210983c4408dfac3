using System.Globalization;
using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics;

/// <summary>A binomial proportion x / n with its Wilson and Clopper–Pearson (exact) intervals.</summary>
/// <param name="Successes">x, the number of successes.</param>
/// <param name="Trials">n, the number of trials (the denominator).</param>
/// <param name="Estimate">x / n; null when n = 0.</param>
/// <param name="Wilson">The Wilson score interval without continuity correction; null when n = 0.</param>
/// <param name="Exact">The Clopper–Pearson exact interval; null when n = 0.</param>
/// <param name="Problem">Why the proportion is undefined (n = 0); null otherwise.</param>
public sealed record Proportion(
    int Successes,
    int Trials,
    double? Estimate,
    ConfidenceInterval? Wilson,
    ConfidenceInterval? Exact,
    NotEstimable? Problem);

/// <summary>Two-sided confidence intervals for a binomial proportion.</summary>
public static class BinomialInterval
{
    /// <summary>
    /// Computes x / n with its Wilson and Clopper–Pearson intervals. A zero denominator returns a
    /// <see cref="Proportion"/> whose estimate and intervals are null and whose problem is
    /// <see cref="NotEstimableReason.ZeroDenominator"/>.
    /// </summary>
    public static Proportion Proportion(int successes, int trials, double confidenceLevel = 0.95)
    {
        ValidateCounts(successes, trials);
        if (trials == 0)
        {
            return new Proportion(successes, trials, null, null, null,
                new NotEstimable(NotEstimableReason.ZeroDenominator, "The denominator is 0, so the proportion is undefined."));
        }

        return new Proportion(
            successes,
            trials,
            (double)successes / trials,
            Wilson(successes, trials, confidenceLevel),
            ClopperPearson(successes, trials, confidenceLevel),
            null);
    }

    /// <summary>
    /// Computes the Wilson score interval without continuity correction, the interval of R's
    /// <c>prop.test(x, n, correct = FALSE)</c>. The bounds are exactly 0 when x = 0 and exactly 1 when x = n.
    /// </summary>
    public static ConfidenceInterval Wilson(int successes, int trials, double confidenceLevel = 0.95)
    {
        ValidateCounts(successes, trials);
        ArgumentOutOfRangeException.ThrowIfZero(trials);
        var z = NormalDistribution.TwoSidedCriticalValue(confidenceLevel);
        var estimate = (double)successes / trials;

        // Centre (p + z²/2n) / (1 + z²/n), half-width z √(p(1−p)/n + z²/4n²) / (1 + z²/n).
        var zSquaredOverTwoN = z * z / (2.0 * trials);
        var denominator = 1.0 + (2.0 * zSquaredOverTwoN);
        var root = z * Math.Sqrt((estimate * (1.0 - estimate) / trials) + (zSquaredOverTwoN / (2.0 * trials)));
        var lower = successes == 0 ? 0.0 : (estimate + zSquaredOverTwoN - root) / denominator;
        var upper = successes == trials ? 1.0 : (estimate + zSquaredOverTwoN + root) / denominator;
        return new ConfidenceInterval(Math.Max(lower, 0.0), Math.Min(upper, 1.0));
    }

    /// <summary>
    /// Computes the Clopper–Pearson exact interval from beta quantiles, the interval of R's <c>binom.test(x, n)</c>:
    /// lower = B⁻¹(α/2; x, n − x + 1) (0 when x = 0), upper = B⁻¹(1 − α/2; x + 1, n − x) (1 when x = n).
    /// </summary>
    public static ConfidenceInterval ClopperPearson(int successes, int trials, double confidenceLevel = 0.95)
    {
        ValidateCounts(successes, trials);
        ArgumentOutOfRangeException.ThrowIfZero(trials);
        NormalDistribution.ValidateConfidenceLevel(confidenceLevel);
        var alpha = 1.0 - confidenceLevel;
        var lower = successes == 0 ? 0.0 : BetaDistribution.Quantile(alpha / 2.0, successes, trials - successes + 1);
        var upper = successes == trials ? 1.0 : BetaDistribution.Quantile(1.0 - (alpha / 2.0), successes + 1, trials - successes);
        return new ConfidenceInterval(lower, upper);
    }

    private static void ValidateCounts(int successes, int trials)
    {
        if (successes < 0 || trials < 0 || successes > trials)
        {
            throw new ArgumentOutOfRangeException(nameof(successes), successes, string.Create(CultureInfo.InvariantCulture,
                $"The successes must lie between 0 and the number of trials ({trials}), and trials must not be negative."));
        }
    }
}
