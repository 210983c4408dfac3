namespace StudyEdc.Statistics.Tests;

public sealed class FrocAndKappaTests
{
    [Fact]
    public void Froc_curve_has_one_point_per_distinct_score()
    {
        Detection[] marks = [new(0.9, true), new(0.7, false), new(0.7, true), new(0.2, false)];

        var curve = Froc.Curve(marks, lesionCount: 3, imageCount: 2);

        Assert.Equal([0.9, 0.7, 0.2], curve.Points.Select(point => point.Threshold));
        Assert.Equal(2.0 / 3.0, curve.Points[1].LesionRecall);
        Assert.Equal(0.5, curve.Points[1].FalsePositivesPerImage);
        Assert.Equal(0.5, curve.Points[2].LesionPrecision);
    }

    [Fact]
    public void Froc_without_images_is_not_estimable()
    {
        var curve = Froc.Curve([], lesionCount: 0, imageCount: 0);

        Assert.Equal(NotEstimableReason.EmptyInput, curve.Problem?.Reason);
    }

    [Fact]
    public void Froc_rejects_more_matches_than_lesions()
    {
        Assert.Throws<ArgumentException>(() => Froc.Curve([new(0.9, true), new(0.8, true)], lesionCount: 1, imageCount: 1));
    }

    /// <summary>
    /// The worked example of Fleiss (1971), 10 subjects, 14 raters, 5 categories, as reproduced in many textbooks:
    /// P̄ = 0.378, P̄e = 0.213, κ = 0.210 (published to three decimals).
    /// </summary>
    [Fact]
    public void Fleiss_kappa_matches_published_worked_example()
    {
        int[,] counts =
        {
            { 0, 0, 0, 0, 14 }, { 0, 2, 6, 4, 2 }, { 0, 0, 3, 5, 6 }, { 0, 3, 9, 2, 0 }, { 2, 2, 8, 1, 1 },
            { 7, 7, 0, 0, 0 }, { 3, 2, 6, 3, 0 }, { 2, 5, 3, 2, 2 }, { 6, 5, 2, 1, 0 }, { 0, 2, 2, 3, 7 },
        };

        var result = FleissKappa.Compute(counts);

        Assert.Equal(0.210, result.Kappa!.Value, 0.0005);
        Assert.Equal(14, result.Raters);
    }

    [Fact]
    public void Fleiss_kappa_is_one_for_perfect_agreement()
    {
        int[,] counts = { { 3, 0 }, { 0, 3 }, { 3, 0 } };

        var result = FleissKappa.Compute(counts);

        Assert.Equal(1.0, result.Kappa!.Value, 1e-15);
    }

    [Fact]
    public void Fleiss_kappa_with_one_category_used_is_not_estimable()
    {
        int[,] counts = { { 4, 0 }, { 4, 0 } };

        var result = FleissKappa.Compute(counts);

        Assert.Null(result.Kappa);
        Assert.Equal(NotEstimableReason.NoRatingVariation, result.Problem?.Reason);
    }

    [Fact]
    public void Fleiss_kappa_rejects_unequal_rater_counts()
    {
        Assert.Throws<ArgumentException>(() => FleissKappa.Compute(new[,] { { 2, 1 }, { 1, 1 } }));
    }
}
