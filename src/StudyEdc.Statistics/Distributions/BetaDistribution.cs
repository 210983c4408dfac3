namespace StudyEdc.Statistics.Distributions;

/// <summary>The beta distribution's CDF and quantile, as Clopper–Pearson intervals need them.</summary>
internal static class BetaDistribution
{
    /// <summary>Computes P(X ≤ x) for X ~ Beta(a, b).</summary>
    public static double Cdf(double x, double a, double b) => SpecialFunctions.RegularizedIncompleteBeta(a, b, x);

    /// <summary>
    /// Computes x with I_x(a, b) = p for 0 &lt; p &lt; 1 by Newton steps kept inside a bisection bracket. The result is
    /// within about 1e-15 (relative) of the exact quantile, limited by the precision of the incomplete beta function.
    /// </summary>
    public static double Quantile(double p, double a, double b)
    {
        if (!(p > 0.0 && p < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "The probability must lie strictly between 0 and 1.");
        }

        // Closed forms when one shape parameter is 1: I_x(a, 1) = x^a and I_x(1, b) = 1 − (1 − x)^b.
        if (b == 1.0)
        {
            return Math.Pow(p, 1.0 / a);
        }

        if (a == 1.0)
        {
            return -double.ExpM1(double.LogP1(-p) / b);
        }

        var low = 0.0;
        var high = 1.0;
        var x = a / (a + b);
        for (var iteration = 0; iteration < 300; iteration++)
        {
            var error = Cdf(x, a, b) - p;
            if (error == 0.0)
            {
                return x;
            }

            if (error < 0.0)
            {
                low = x;
            }
            else
            {
                high = x;
            }

            var density = SpecialFunctions.BetaDensity(a, b, x);
            var next = x - (error / density);
            if (!(next > low && next < high) || density == 0.0 || double.IsInfinity(density))
            {
                next = 0.5 * (low + high);
            }

            if (Math.Abs(next - x) <= 4e-16 * x || high - low <= 4e-16 * high)
            {
                return next;
            }

            x = next;
        }

        return x;
    }
}
