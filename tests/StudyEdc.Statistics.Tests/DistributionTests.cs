using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics.Tests;

/// <summary>
/// Normal and beta functions against R 4.2.2 (qnorm, pnorm, qbeta, pbeta), printed with
/// <c>sprintf("%.17g", ...)</c>; the expected values below are those outputs.
/// </summary>
public sealed class DistributionTests
{
    [Fact]
    public void Normal_quantile_matches_golden_critical_value()
    {
        var z = NormalDistribution.TwoSidedCriticalValue(0.95);

        Assert.Equal(GoldenData.CriticalValue, z, 1e-14);
    }

    [Theory]
    [InlineData(0.975, 1.9599639845400536)]
    [InlineData(0.5, 0.0)]
    [InlineData(1e-10, -6.3613409024040557)]
    [InlineData(0.999999, 4.7534243088170891)]
    public void Normal_quantile_matches_R_qnorm(double p, double expected)
    {
        var actual = NormalDistribution.Quantile(p);

        Assert.Equal(expected, actual, 1e-13);
    }

    [Theory]
    [InlineData(-1.959963984540054, 0.025000000000000012)]
    [InlineData(-8.0, 6.2209605742717849e-16)]
    [InlineData(0.3, 0.61791142218895267)]
    public void Normal_cdf_matches_R_pnorm_relatively(double x, double expected)
    {
        var actual = NormalDistribution.Cdf(x);

        Assert.True(Math.Abs(actual - expected) <= 1e-13 * expected, $"Φ({x}) = {actual:R}, R gives {expected:R}");
    }

    [Theory]
    [InlineData(0.025, 3.0, 8.0, 0.066739511177734467)]
    [InlineData(0.975, 401.0, 826.0, 0.35330934035920702)]
    [InlineData(0.025, 2.5, 0.7, 0.28021523933430281)]
    [InlineData(0.975, 1.0, 40.0, 0.088097302878802353)]
    public void Beta_quantile_matches_R_qbeta(double p, double a, double b, double expected)
    {
        var actual = BetaDistribution.Quantile(p, a, b);

        Assert.Equal(expected, actual, 1e-13);
    }

    [Fact]
    public void Log_beta_of_large_arguments_matches_R_lbeta()
    {
        var actual = SpecialFunctions.LogBeta(300000.0, 700000.0);

        Assert.Equal(-610869.51054745167, actual, 1e-7);
    }
}
