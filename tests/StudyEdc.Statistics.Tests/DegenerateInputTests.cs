namespace StudyEdc.Statistics.Tests;

/// <summary>Empty input, one class only, all ties and invalid input: explicit "not estimable" results, never NaN.</summary>
public sealed class DegenerateInputTests
{
    [Fact]
    public void Empty_input_is_not_estimable()
    {
        var result = DeLong.Auc([], []);

        Assert.Null(result.Auc);
        Assert.Equal(NotEstimableReason.EmptyInput, result.Problem?.Reason);
    }

    [Fact]
    public void Negatives_only_give_no_auc_and_no_curve()
    {
        double[] scores = [0.1, 0.4, 0.7];
        bool[] labels = [false, false, false];

        var auc = DeLong.Auc(scores, labels);
        var curve = Roc.Curve(scores, labels);
        var youden = Roc.Youden(scores, labels);

        Assert.Equal(NotEstimableReason.NoPositives, auc.Problem?.Reason);
        Assert.Null(auc.Auc);
        Assert.Empty(curve.Points);
        Assert.Equal(NotEstimableReason.NoPositives, youden.Problem?.Reason);
    }

    [Fact]
    public void Positives_only_give_no_auc()
    {
        var result = DeLong.Auc([0.2, 0.9], [true, true]);

        Assert.Equal(NotEstimableReason.NoNegatives, result.Problem?.Reason);
    }

    [Fact]
    public void One_case_and_one_control_give_auc_without_variance()
    {
        var result = DeLong.Auc([0.2, 0.9], [false, true]);

        Assert.Equal(1.0, result.Auc);
        Assert.Null(result.Variance);
        Assert.Null(result.Interval);
        Assert.Equal(NotEstimableReason.TooFewPositives, result.Problem?.Reason);
    }

    [Fact]
    public void Constant_scores_give_half_auc_with_zero_variance()
    {
        double[] scores = [0.5, 0.5, 0.5, 0.5];
        bool[] labels = [true, false, true, false];

        var result = DeLong.Auc(scores, labels);

        Assert.Equal(0.5, result.Auc);
        Assert.Equal(0.0, result.Variance);
        Assert.Equal(new ConfidenceInterval(0.5, 0.5), result.Interval);
        Assert.Null(result.Problem);
    }

    [Fact]
    public void Identical_predictors_compare_with_zero_z_and_unit_p()
    {
        double[] scores = [0.1, 0.3, 0.3, 0.8, 0.9];
        bool[] labels = [false, false, true, true, false];

        var result = DeLong.Compare(scores, scores, labels);

        Assert.Equal(0.0, result.Z);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Zero_variance_with_different_aucs_has_no_z()
    {
        double[] perfect = [0.1, 0.2, 0.8, 0.9];
        double[] inverted = [0.9, 0.8, 0.2, 0.1];
        bool[] labels = [false, false, true, true];

        var result = DeLong.Compare(perfect, inverted, labels);

        Assert.Equal(1.0, result.Difference);
        Assert.Null(result.Z);
        Assert.Null(result.PValue);
        Assert.Equal(NotEstimableReason.ZeroVarianceOfDifference, result.Problem?.Reason);
    }

    [Fact]
    public void Single_cluster_with_a_case_has_no_clustered_variance()
    {
        var result = ClusteredAuc.Obuchowski([0.2, 0.9, 0.3], [false, true, false], [1, 1, 2]);

        Assert.Equal(1.0, result.Auc);
        Assert.Null(result.Variance);
        Assert.Equal(NotEstimableReason.TooFewClustersWithPositive, result.Problem?.Reason);
    }

    [Fact]
    public void Zero_denominator_proportion_is_not_estimable()
    {
        var result = BinomialInterval.Proportion(0, 0);

        Assert.Null(result.Estimate);
        Assert.Null(result.Wilson);
        Assert.Equal(NotEstimableReason.ZeroDenominator, result.Problem?.Reason);
    }

    [Fact]
    public void NaN_score_is_rejected_with_its_position()
    {
        var exception = Assert.Throws<ArgumentException>(() => DeLong.Auc([0.1, double.NaN], [false, true]));

        Assert.Contains("Score 1 is NaN", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DeLong.Auc([0.1, 0.2], [true]));
    }

    [Fact]
    public void Threshold_ties_count_as_test_positive()
    {
        var counts = ConfusionMatrix.AtThreshold([0.5, 0.5, 0.4], [true, false, true], 0.5);

        Assert.Equal(new ConfusionCounts(TruePositives: 1, FalsePositives: 1, TrueNegatives: 0, FalseNegatives: 1), counts);
    }
}
