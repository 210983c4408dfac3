using System.Text.Json;

namespace StudyEdc.Statistics.Tests;

/// <summary>
/// The paired DeLong test (pROC's roc.test), the clustered AUC of Obuchowski (1997) and its paired test (the
/// reference R implementation beside golden.json, cross-checked against mitoticFigureCounts), and FROC counts.
/// </summary>
public sealed class GoldenComparisonTests
{
    public static TheoryData<string, string, string> GroupCases() => Cases(_ => true);

    public static TheoryData<string, string, string> ClusteredCases() =>
        Cases(group => group.TryGetProperty("clustered_obuchowski", out _));

    public static TheoryData<string, string, string> FrocCases() =>
        Cases(group => group.TryGetProperty("froc_lesion_detection", out _));

    [Theory]
    [MemberData(nameof(GroupCases))]
    public void Paired_DeLong_test_matches_pROC_roc_test(string dataset, string group, string level)
    {
        var golden = GoldenData.Group(dataset, group, level).GetProperty("paired_delong");
        var rows = GoldenData.Rows(dataset, group, level);
        var path = $"{dataset}/{group}/{level}/paired_delong";
        var first = golden.GetProperty("predictor1").GetString()!;
        var second = golden.GetProperty("predictor2").GetString()!;

        var result = DeLong.Compare(rows.Scores[first], rows.Scores[second], rows.IsPositive);

        if (GoldenAssert.IsUndefined(golden))
        {
            Assert.True(result.Problem is not null, $"{path}: golden is undefined ({golden.GetProperty("status")}) but no problem was reported");
            Assert.Null(result.Z);
            Assert.Null(result.PValue);
            return;
        }

        AssertComparison(golden, result, path);
    }

    [Theory]
    [MemberData(nameof(ClusteredCases))]
    public void Clustered_auc_matches_Obuchowski_reference(string dataset, string group, string level)
    {
        var golden = GoldenData.Group(dataset, group, level).GetProperty("clustered_obuchowski");
        var rows = GoldenData.Rows(dataset, group, level);
        var clusters = rows.ClusterIds();

        foreach (var predictor in GoldenData.Predictors(dataset))
        {
            var expected = golden.GetProperty(predictor);
            var path = $"{dataset}/{group}/clustered/{predictor}";

            var result = ClusteredAuc.Obuchowski(rows.Scores[predictor], rows.IsPositive, clusters);
            var unclustered = DeLong.Auc(rows.Scores[predictor], rows.IsPositive);

            if (!expected.TryGetProperty("auc", out _))
            {
                Assert.True(result.Auc is null && result.Problem is not null, $"{path}: golden is {expected.GetProperty("status")}");
                continue;
            }

            GoldenAssert.Number(expected, "auc", result.Auc, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "var", result.Variance, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "se", result.StandardError, GoldenAssert.Tight, path);
            GoldenAssert.Interval(expected, "ci95_normal", result.Interval, GoldenAssert.Tight, path);
            GoldenAssert.Interval(expected, "ci95_normal_clipped", result.ClippedInterval, GoldenAssert.Tight, path);
            GoldenAssert.Count(expected, "I_clusters", result.Clusters, path);
            GoldenAssert.Count(expected, "I10_clusters_with_case", result.ClustersWithPositive, path);
            GoldenAssert.Count(expected, "I01_clusters_with_control", result.ClustersWithNegative, path);
            GoldenAssert.Count(expected, "M_case_units", result.Positives, path);
            GoldenAssert.Count(expected, "N_control_units", result.Negatives, path);
            GoldenAssert.Number(expected, "S10", result.S10, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "S01", result.S01, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "S11", result.S11, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "var_delong_ignoring_clusters", unclustered.Variance, GoldenAssert.Tight, path);
            GoldenAssert.Number(expected, "variance_ratio_clustered_over_delong",
                unclustered.Variance is > 0.0 ? result.Variance / unclustered.Variance : null, 1e-10, path);
            Assert.Equal(result.Variance is null, result.Problem is not null);
        }
    }

    [Theory]
    [MemberData(nameof(ClusteredCases))]
    public void Clustered_paired_test_matches_Obuchowski_reference(string dataset, string group, string level)
    {
        var golden = GoldenData.Group(dataset, group, level).GetProperty("clustered_obuchowski").GetProperty("paired");
        var rows = GoldenData.Rows(dataset, group, level);
        var predictors = GoldenData.Predictors(dataset);
        var path = $"{dataset}/{group}/clustered/paired";

        var result = ClusteredAuc.Compare(rows.Scores[predictors[0]], rows.Scores[predictors[1]], rows.IsPositive, rows.ClusterIds());

        if (!golden.TryGetProperty("auc1", out _))
        {
            Assert.True(result.Auc1 is null && result.Problem is not null, $"{path}: golden is {golden.GetProperty("status")}");
            return;
        }

        AssertComparison(golden, result, path);
    }

    [Theory]
    [MemberData(nameof(FrocCases))]
    public void Froc_points_match_reference_counts(string dataset, string group, string level)
    {
        var golden = GoldenData.Group(dataset, group, level).GetProperty("froc_lesion_detection");
        var rows = GoldenData.Rows(dataset, group, level);
        var images = rows.Patients.Distinct(StringComparer.Ordinal).Count();
        var lesions = rows.IsPositive.Count(positive => positive);

        foreach (var predictor in GoldenData.Predictors(dataset))
        {
            var expected = golden.GetProperty(predictor);
            var path = $"{dataset}/{group}/froc/{predictor}";
            var marks = rows.Scores[predictor].Select((score, i) => new Detection(score, rows.IsPositive[i])).ToArray();
            var points = expected.GetProperty("points").EnumerateArray().ToArray();
            var thresholds = RSequence(points.Select(point => point.GetProperty("threshold").GetDouble()).ToArray());

            var curve = Froc.AtThresholds(marks, lesions, images, thresholds);

            GoldenAssert.Count(expected, "n_lesions_malignant", curve.Lesions, path);
            GoldenAssert.Count(expected, "n_patients", curve.Images, path);
            GoldenAssert.Count(expected, "n_marks_benign", marks.Count(mark => !mark.IsMatched), path);
            for (var i = 0; i < points.Length; i++)
            {
                var pointPath = $"{path}[threshold {thresholds[i]}]";
                GoldenAssert.Count(points[i], "LL", curve.Points[i].LesionLocalizations, pointPath);
                GoldenAssert.Count(points[i], "NL", curve.Points[i].NonLesionLocalizations, pointPath);
                GoldenAssert.Number(points[i], "LLF_lesion_recall", curve.Points[i].LesionRecall, GoldenAssert.Tight, pointPath);
                GoldenAssert.Number(points[i], "NLF_false_marks_per_patient", curve.Points[i].FalsePositivesPerImage, GoldenAssert.Tight, pointPath);
                GoldenAssert.Number(points[i], "lesion_precision", curve.Points[i].LesionPrecision, GoldenAssert.Tight, pointPath);
            }
        }
    }

    /// <summary>
    /// Rebuilds the FROC thresholds as R's <c>seq(from, to, by)</c> made them, from + i·by. golden.json prints them to
    /// 15 digits, and 0.1 + 2·0.1 = 0.30000000000000004 printed as 0.3 would count a mark scored exactly 0.3.
    /// </summary>
    private static double[] RSequence(double[] printed)
    {
        var step = Math.Round(printed[1] - printed[0], 12);
        var thresholds = printed.Select((_, i) => printed[0] + (i * step)).ToArray();
        for (var i = 0; i < printed.Length; i++)
        {
            Assert.True(Math.Abs(thresholds[i] - printed[i]) < 1e-12, $"FROC threshold {printed[i]} is not on the sequence {printed[0]} + i·{step}");
        }

        return thresholds;
    }

    private static void AssertComparison(JsonElement golden, PairedAucComparison result, string path)
    {
        GoldenAssert.Number(golden, "auc1", result.Auc1, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "auc2", result.Auc2, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "diff", result.Difference, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "var1", result.Variance1, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "var2", result.Variance2, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "cov12", result.Covariance, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "var_diff", result.VarianceOfDifference, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "se_diff", result.StandardErrorOfDifference, GoldenAssert.Tight, path);
        GoldenAssert.Number(golden, "z", result.Z, 1e-9, path);
        GoldenAssert.Number(golden, "p_value", result.PValue, GoldenAssert.PValue, path);
        GoldenAssert.Interval(golden, "ci95_diff", result.DifferenceInterval, GoldenAssert.Tight, path);
    }

    private static TheoryData<string, string, string> Cases(Func<JsonElement, bool> include)
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var (dataset, group, level) in GoldenData.Groups())
        {
            if (include(GoldenData.Group(dataset, group, level)))
            {
                cases.Add(dataset, group, level);
            }
        }

        return cases;
    }
}
