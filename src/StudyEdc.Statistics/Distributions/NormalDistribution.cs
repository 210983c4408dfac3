namespace StudyEdc.Statistics.Distributions;

/// <summary>The standard normal distribution: CDF, upper tail and quantile.</summary>
internal static class NormalDistribution
{
    private static readonly double SqrtTwo = Math.Sqrt(2.0);
    private static readonly double SqrtTwoPi = Math.Sqrt(2.0 * Math.PI);

    /// <summary>Computes Φ(x), accurate to a small relative error in the lower tail.</summary>
    public static double Cdf(double x) => 0.5 * SpecialFunctions.Erfc(-x / SqrtTwo);

    /// <summary>Computes the two-sided p-value 2 Φ(−|z|) of a Z statistic.</summary>
    public static double TwoSidedPValue(double z) => SpecialFunctions.Erfc(Math.Abs(z) / SqrtTwo);

    /// <summary>Computes z such that Φ(z) = p, for 0 &lt; p &lt; 1, to within a few units in the last place.</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        }

        // Work in the lower tail, where Φ has full relative precision; 1 − p is exact for p ≥ 0.5 (Sterbenz).
        var lowerTail = p < 0.5 ? p : 1.0 - p;
        if (lowerTail == 0.5)
        {
            return 0.0;
        }

        // Start from Abramowitz & Stegun 26.2.23 (absolute error below 4.5e-4), then refine with Halley's method,
        // which converges cubically because Φ is evaluated to full precision.
        var t = Math.Sqrt(-2.0 * Math.Log(lowerTail));
        var x = -(t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t))
            / (1.0 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t))));
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var error = Cdf(x) - lowerTail;
            var ratio = error * SqrtTwoPi * Math.Exp(0.5 * x * x);
            var step = ratio / (1.0 + (0.5 * x * ratio));
            x -= step;
            if (Math.Abs(step) <= 1e-16 * Math.Abs(x))
            {
                break;
            }
        }

        return p < 0.5 ? x : -x;
    }

    /// <summary>Computes the critical value z_(1−α/2) of a two-sided interval at the given confidence level.</summary>
    public static double TwoSidedCriticalValue(double confidenceLevel)
    {
        ValidateConfidenceLevel(confidenceLevel);
        return Quantile(1.0 - ((1.0 - confidenceLevel) / 2.0));
    }

    /// <summary>Throws unless the confidence level lies strictly between 0 and 1.</summary>
    public static void ValidateConfidenceLevel(double confidenceLevel)
    {
        if (!(confidenceLevel > 0.0 && confidenceLevel < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(confidenceLevel), confidenceLevel,
                "The confidence level must lie strictly between 0 and 1, for example 0.95.");
        }
    }
}
