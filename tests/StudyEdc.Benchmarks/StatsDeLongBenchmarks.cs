using BenchmarkDotNet.Attributes;
using StudyEdc.Statistics;

namespace StudyEdc.Benchmarks;

/// <summary>AUC with DeLong variance and 95% CI (O(n log n) midrank algorithm) on 10^6 scores, 30 % cases.</summary>
[MemoryDiagnoser]
public class StatsDeLongBenchmarks
{
    private double[] _scores = [];
    private bool[] _labels = [];

    [Params(100_000, 1_000_000)]
    public int Count { get; set; }

    [GlobalSetup]
    public void Setup() => (_scores, _labels) = StatsBenchmarkData.Create(Count, seed: 42);

    [Benchmark]
    public AucResult AucWithDeLongInterval() => DeLong.Auc(_scores, _labels);
}

/// <summary>The benchmark data: label ~ Bernoulli(0.3), score ~ N(label, 1), the same design as pROC's timing script.</summary>
public static class StatsBenchmarkData
{
    public static (double[] Scores, bool[] Labels) Create(int count, int seed)
    {
        var random = new Random(seed);
        var scores = new double[count];
        var labels = new bool[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.NextDouble() < 0.3;

            // Box–Muller; 1 − U keeps the logarithm finite.
            var normal = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
            scores[i] = normal + (labels[i] ? 1.0 : 0.0);
        }

        return (scores, labels);
    }
}
