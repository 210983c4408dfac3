namespace StudyEdc.Statistics.Tests;

/// <summary>The O(n log n) midrank placements against the O(m·n) definition, on random data with and without ties.</summary>
public sealed class DeLongCrossCheckTests
{
    public static TheoryData<int, int, int> RandomCases() => new()
    {
        { 1, 40, 0 },
        { 2, 300, 0 },
        { 3, 300, 7 },
        { 4, 1000, 3 },
        { 5, 1000, 1000 },
    };

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Fast_DeLong_matches_pairwise_definition(int seed, int count, int distinctLevels)
    {
        var (scores, labels) = RandomData(seed, count, distinctLevels, shift: 0.8);

        var fast = DeLong.Auc(scores, labels);
        var naive = NaiveDeLong(scores, labels, scores);

        Assert.Equal(naive.Auc, fast.Auc!.Value, 1e-14);
        Assert.Equal(naive.Variance, fast.Variance!.Value, 1e-15);
    }

    [Theory]
    [MemberData(nameof(RandomCases))]
    public void Fast_paired_covariance_matches_pairwise_definition(int seed, int count, int distinctLevels)
    {
        var (first, labels) = RandomData(seed, count, distinctLevels, shift: 0.8);
        var (noise, _) = RandomData(seed + 100, count, distinctLevels, shift: 0.0);
        var second = first.Select((score, i) => score + noise[i]).ToArray();

        var fast = DeLong.Compare(first, second, labels);
        var naive = NaiveDeLong(first, labels, second);

        Assert.Equal(naive.Covariance, fast.Covariance!.Value, 1e-15);
    }

    [Fact]
    public void Clustered_variance_with_one_unit_per_cluster_equals_DeLong()
    {
        var (scores, labels) = RandomData(seed: 9, count: 200, distinctLevels: 5, shift: 0.5);
        var singletons = Enumerable.Range(0, scores.Length).ToArray();

        var clustered = ClusteredAuc.Obuchowski(scores, labels, singletons);
        var deLong = DeLong.Auc(scores, labels);

        Assert.Equal(deLong.Variance!.Value, clustered.Variance!.Value, 1e-15);
    }

    /// <summary>Straight from the definition: ψ over every case/control pair, then sample variances and covariance.</summary>
    private static (double Auc, double Variance, double Covariance) NaiveDeLong(double[] scores, bool[] labels, double[] other)
    {
        var cases = Enumerable.Range(0, scores.Length).Where(i => labels[i]).ToArray();
        var controls = Enumerable.Range(0, scores.Length).Where(i => !labels[i]).ToArray();
        double Psi(double x, double y) => x > y ? 1.0 : x == y ? 0.5 : 0.0;
        double[] V10(double[] s) => cases.Select(i => controls.Average(j => Psi(s[i], s[j]))).ToArray();
        double[] V01(double[] s) => controls.Select(j => cases.Average(i => Psi(s[i], s[j]))).ToArray();
        double Cov(double[] a, double[] b) =>
            a.Select((value, i) => (value - a.Average()) * (b[i] - b.Average())).Sum() / (a.Length - 1);

        var v10 = V10(scores);
        var v01 = V01(scores);
        var w10 = V10(other);
        var w01 = V01(other);
        var variance = (Cov(v10, v10) / cases.Length) + (Cov(v01, v01) / controls.Length);
        var covariance = (Cov(v10, w10) / cases.Length) + (Cov(v01, w01) / controls.Length);
        return (v10.Average(), variance, covariance);
    }

    /// <summary>About 30 % cases; scores ~ N(shift·label, 1), rounded onto <paramref name="distinctLevels"/> levels when non-zero.</summary>
    private static (double[] Scores, bool[] Labels) RandomData(int seed, int count, int distinctLevels, double shift)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, count).Select(_ => random.NextDouble() < 0.3).ToArray();
        var scores = labels.Select(label =>
        {
            var normal = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            var score = normal + (label ? shift : 0.0);
            return distinctLevels > 0 ? Math.Round(score * distinctLevels / 4.0) : score;
        }).ToArray();
        return (scores, labels);
    }
}
