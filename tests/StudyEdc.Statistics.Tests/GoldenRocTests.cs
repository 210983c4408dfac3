using System.Text.Json;

namespace StudyEdc.Statistics.Tests;

/// <summary>Every per-predictor value of golden.json (pROC 1.18.0, R's prop.test and binom.test) against this library.</summary>
public sealed class GoldenRocTests
{
    public static TheoryData<string, string, string, string> PredictorCases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var (dataset, group, level) in GoldenData.Groups())
        {
            foreach (var predictor in GoldenData.Predictors(dataset))
            {
                cases.Add(dataset, group, level, predictor);
            }
        }

        return cases;
    }

    public static TheoryData<string, string, string, string> CurveCases()
    {
        var cases = new TheoryData<string, string, string, string>();
        foreach (var (dataset, group, level, predictor) in PredictorCases().Select(row => row.Data))
        {
            if (Golden(dataset, group, level, predictor).TryGetProperty("roc_curve", out var curve) && curve.ValueKind != JsonValueKind.Null)
            {
                cases.Add(dataset, group, level, predictor);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(PredictorCases))]
    public void Auc_and_DeLong_interval_match_pROC(string dataset, string group, string level, string predictor)
    {
        var golden = Golden(dataset, group, level, predictor).GetProperty("roc");
        var rows = GoldenData.Rows(dataset, group, level);
        var path = $"{dataset}/{group}/{level}/{predictor}/roc";

        var result = DeLong.Auc(rows.Scores[predictor], rows.IsPositive);

        GoldenAssert.Count(golden, "n_pos", result.Positives, path);
        GoldenAssert.Count(golden, "n_neg", result.Negatives, path);
        GoldenAssert.Number(golden, "auc", result.Auc, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "auc_var_delong", result.Variance, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "auc_se_delong", result.StandardError, GoldenAssert.Tight, path);
        GoldenAssert.Interval(golden, "auc_ci95_delong", result.Interval, GoldenAssert.Tight, path);
        GoldenAssert.Interval(golden, "auc_ci95_delong_unclipped", result.UnclippedInterval, GoldenAssert.Tight, path);
        Assert.Equal(result.Variance is null, result.Problem is not null);
    }

    [Theory]
    [MemberData(nameof(PredictorCases))]
    public void Youden_thresholds_match_pROC_including_ties(string dataset, string group, string level, string predictor)
    {
        var golden = Golden(dataset, group, level, predictor).GetProperty("youden");
        var rows = GoldenData.Rows(dataset, group, level);
        var path = $"{dataset}/{group}/{level}/{predictor}/youden";

        var result = Roc.Youden(rows.Scores[predictor], rows.IsPositive);

        var best = golden.GetProperty("best").EnumerateArray().ToArray();
        Assert.True(best.Length == result.Best.Count, $"{path}: golden lists {best.Length} thresholds, computed {result.Best.Count}");
        Assert.Equal(GoldenAssert.IsUndefined(golden), result.Problem is not null);
        for (var i = 0; i < best.Length; i++)
        {
            var expected = best[i];
            var actual = result.Best[i];
            var itemPath = $"{path}.best[{i}]";
            GoldenAssert.Threshold(expected.GetProperty("threshold_proc"), actual.Threshold, $"{itemPath}.threshold_proc");
            var observed = expected.GetProperty("threshold_ge_observed");
            if (observed.ValueKind == JsonValueKind.String)
            {
                Assert.True(actual.ObservedCutoff is null, $"{itemPath}: golden says {observed}, computed cut-off {actual.ObservedCutoff}");
            }
            else
            {
                GoldenAssert.Number(observed, actual.ObservedCutoff, 0.0, $"{itemPath}.threshold_ge_observed");
            }

            GoldenAssert.Number(expected, "sensitivity", actual.Sensitivity, GoldenAssert.Tight, itemPath);
            GoldenAssert.Number(expected, "specificity", actual.Specificity, GoldenAssert.Tight, itemPath);
            GoldenAssert.Number(expected, "youden_j", actual.YoudenIndex, GoldenAssert.Tight, itemPath);
            AssertCounts(expected, actual.Counts, itemPath);
        }
    }

    [Theory]
    [MemberData(nameof(PredictorCases))]
    public void Metrics_at_thresholds_match_prop_test_and_binom_test(string dataset, string group, string level, string predictor)
    {
        var golden = Golden(dataset, group, level, predictor).GetProperty("at_thresholds").EnumerateArray().ToArray();
        var rows = GoldenData.Rows(dataset, group, level);
        var thresholds = GoldenData.Thresholds(dataset, predictor);

        Assert.Equal(thresholds.Length, golden.Length);
        for (var i = 0; i < golden.Length; i++)
        {
            var expected = golden[i];
            var path = $"{dataset}/{group}/{level}/{predictor}/at_thresholds[{expected.GetProperty("rule").GetString()}]";

            var actual = DiagnosticAccuracy.AtThreshold(rows.Scores[predictor], rows.IsPositive, thresholds[i]);

            GoldenAssert.Number(expected, "threshold", actual.Threshold, 0.0, path);
            AssertCounts(expected, actual.Counts, path);
            GoldenAssert.Count(expected, "n", actual.Counts.Total, path);
            AssertProportion(expected.GetProperty("sensitivity"), actual.Sensitivity, $"{path}.sensitivity");
            AssertProportion(expected.GetProperty("specificity"), actual.Specificity, $"{path}.specificity");
            AssertProportion(expected.GetProperty("ppv"), actual.PositivePredictiveValue, $"{path}.ppv");
            AssertProportion(expected.GetProperty("npv"), actual.NegativePredictiveValue, $"{path}.npv");
            AssertProportion(expected.GetProperty("accuracy"), actual.Accuracy, $"{path}.accuracy");
            AssertProportion(expected.GetProperty("recall"), actual.Recall, $"{path}.recall");
            AssertProportion(expected.GetProperty("precision"), actual.Precision, $"{path}.precision");
        }
    }

    [Theory]
    [MemberData(nameof(CurveCases))]
    public void Roc_curve_matches_pROC_coords_all(string dataset, string group, string level, string predictor)
    {
        var golden = Golden(dataset, group, level, predictor).GetProperty("roc_curve");
        var rows = GoldenData.Rows(dataset, group, level);
        var path = $"{dataset}/{group}/{level}/{predictor}/roc_curve";

        var curve = Roc.Curve(rows.Scores[predictor], rows.IsPositive);

        var thresholds = golden.GetProperty("threshold_proc").EnumerateArray().ToArray();
        Assert.True(thresholds.Length == curve.Points.Count, $"{path}: golden has {thresholds.Length} points, computed {curve.Points.Count}");
        for (var k = 0; k < thresholds.Length; k++)
        {
            var point = curve.Points[k];
            var pointPath = $"{path}[{k}]";
            GoldenAssert.Threshold(thresholds[k], point.Threshold, $"{pointPath}.threshold");
            GoldenAssert.Number(golden.GetProperty("sensitivity")[k], point.Sensitivity, GoldenAssert.Tight, $"{pointPath}.sensitivity");
            GoldenAssert.Number(golden.GetProperty("specificity")[k], point.Specificity, GoldenAssert.Tight, $"{pointPath}.specificity");
            GoldenAssert.Number(golden.GetProperty("tp")[k], point.Counts.TruePositives, 0.0, $"{pointPath}.tp");
            GoldenAssert.Number(golden.GetProperty("fp")[k], point.Counts.FalsePositives, 0.0, $"{pointPath}.fp");
            GoldenAssert.Number(golden.GetProperty("tn")[k], point.Counts.TrueNegatives, 0.0, $"{pointPath}.tn");
            GoldenAssert.Number(golden.GetProperty("fn")[k], point.Counts.FalseNegatives, 0.0, $"{pointPath}.fn");
        }
    }

    private static JsonElement Golden(string dataset, string group, string level, string predictor) =>
        GoldenData.Group(dataset, group, level).GetProperty("predictors").GetProperty(predictor);

    private static void AssertCounts(JsonElement expected, ConfusionCounts actual, string path)
    {
        GoldenAssert.Count(expected, "tp", actual.TruePositives, path);
        GoldenAssert.Count(expected, "fp", actual.FalsePositives, path);
        GoldenAssert.Count(expected, "tn", actual.TrueNegatives, path);
        GoldenAssert.Count(expected, "fn", actual.FalseNegatives, path);
    }

    private static void AssertProportion(JsonElement expected, Proportion actual, string path)
    {
        GoldenAssert.Count(expected, "x", actual.Successes, path);
        GoldenAssert.Count(expected, "n", actual.Trials, path);
        GoldenAssert.Number(expected, "estimate", actual.Estimate, GoldenAssert.Tight, path);
        GoldenAssert.Interval(expected, "ci95_wilson", actual.Wilson, GoldenAssert.Tight, path);
        GoldenAssert.Interval(expected, "ci95_exact", actual.Exact, GoldenAssert.Tight, path);
        Assert.Equal(expected.TryGetProperty("note", out _), actual.Problem is not null);
    }
}
