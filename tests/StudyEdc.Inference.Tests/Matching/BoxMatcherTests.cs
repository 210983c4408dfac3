using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Tests.Matching;

public sealed class BoxMatcherTests
{
    private static readonly BoxMatchingOptions Defaults = new();

    private static PatientBox Box(double x0, double y0, double z0, double x1, double y1, double z1) =>
        new(new Vector3D(x0, y0, z0), new Vector3D(x1, y1, z1));

    [Fact]
    public void Iou_of_half_shifted_cubes_is_one_third()
    {
        var a = Box(0, 0, 0, 10, 10, 10);
        var b = Box(5, 0, 0, 15, 10, 10);

        var iou = a.IntersectionOverUnion(b);

        // Intersection 5·10·10 = 500 mm³, union 1000 + 1000 - 500 = 1500 mm³.
        Assert.Equal(1.0 / 3.0, iou, 12);
    }

    [Fact]
    public void Centre_distance_is_euclidean_in_millimetres()
    {
        var a = Box(0, 0, 0, 10, 10, 10);
        var b = Box(3, 4, 0, 13, 14, 10);

        var distance = a.CentreDistance(b);

        Assert.Equal(5.0, distance, 12);
    }

    [Fact]
    public void Iou_of_flat_boxes_is_zero()
    {
        var flat = Box(0, 0, 5, 10, 10, 5);

        var iou = flat.IntersectionOverUnion(flat);

        Assert.Equal(0.0, iou);
    }

    [Fact]
    public void Match_pairs_overlapping_detection_with_lesion()
    {
        PatientBox[] lesions = [Box(0, 0, 0, 10, 10, 10)];
        ScoredBox[] detections = [new(Box(5, 0, 0, 15, 10, 10), 0.9)];

        var result = BoxMatcher.Match(lesions, detections, Defaults);

        var match = Assert.Single(result.Matches);
        Assert.Equal(0, match.LesionIndex);
        Assert.Equal(0, match.DetectionIndex);
        Assert.Equal(1.0 / 3.0, match.Iou, 12);
        Assert.Equal(5.0, match.CentreDistanceMm, 12);
        Assert.Empty(result.UnmatchedLesions);
        Assert.Empty(result.FalsePositives);
    }

    [Fact]
    public void Match_gives_lesion_to_higher_scoring_detection()
    {
        PatientBox[] lesions = [Box(0, 0, 0, 10, 10, 10)];
        ScoredBox[] detections =
        [
            new(Box(0, 0, 0, 10, 10, 10), 0.4),
            new(Box(2, 0, 0, 12, 10, 10), 0.8),
        ];

        var result = BoxMatcher.Match(lesions, detections, Defaults);

        Assert.Equal(1, Assert.Single(result.Matches).DetectionIndex);
        Assert.Equal([0], result.FalsePositives);
    }

    [Fact]
    public void Match_takes_best_iou_lesion_for_each_detection()
    {
        PatientBox[] lesions = [Box(4, 0, 0, 14, 10, 10), Box(0, 0, 0, 10, 10, 10)];
        ScoredBox[] detections = [new(Box(1, 0, 0, 11, 10, 10), 0.9), new(Box(5, 0, 0, 15, 10, 10), 0.5)];

        var result = BoxMatcher.Match(lesions, detections, Defaults);

        // Detection 0 overlaps lesion 1 by 9/11 and lesion 0 by 7/13, so it takes lesion 1; detection 1 gets lesion 0.
        Assert.Equal(2, result.Matches.Count);
        Assert.Equal((0, 1), (result.Matches[0].LesionIndex, result.Matches[0].DetectionIndex));
        Assert.Equal((1, 0), (result.Matches[1].LesionIndex, result.Matches[1].DetectionIndex));
        Assert.Equal(9.0 / 11.0, result.Matches[1].Iou, 12);
    }

    [Fact]
    public void Match_flags_lesion_below_iou_threshold()
    {
        PatientBox[] lesions = [Box(0, 0, 0, 10, 10, 10)];
        ScoredBox[] detections = [new(Box(8, 0, 0, 18, 10, 10), 0.9)];
        var options = new BoxMatchingOptions { MinIou = 0.2, MaxCentreDistanceMm = 50 };

        var result = BoxMatcher.Match(lesions, detections, options);

        // IoU = 200 / 1800 = 0.111, below 0.2.
        Assert.Empty(result.Matches);
        Assert.Equal([0], result.UnmatchedLesions);
        Assert.Equal([0], result.FalsePositives);
    }

    [Fact]
    public void Match_flags_lesion_beyond_centre_distance()
    {
        PatientBox[] lesions = [Box(0, 0, 0, 100, 100, 100)];
        ScoredBox[] detections = [new(Box(30, 0, 0, 130, 100, 100), 0.9)];
        var options = new BoxMatchingOptions { MinIou = 0.1, MaxCentreDistanceMm = 25 };

        var result = BoxMatcher.Match(lesions, detections, options);

        // IoU = 0.7 / 1.3 = 0.54 passes, but the centres are 30 mm apart.
        Assert.Empty(result.Matches);
        Assert.Equal([0], result.UnmatchedLesions);
    }

    [Fact]
    public void Match_with_no_lesions_reports_all_false_positives()
    {
        ScoredBox[] detections = [new(Box(0, 0, 0, 10, 10, 10), 0.9), new(Box(50, 0, 0, 60, 10, 10), 0.2)];

        var result = BoxMatcher.Match([], detections, Defaults);

        Assert.Empty(result.Matches);
        Assert.Empty(result.UnmatchedLesions);
        Assert.Equal([0, 1], result.FalsePositives);
    }

    [Fact]
    public void Match_with_no_detections_flags_every_lesion()
    {
        PatientBox[] lesions = [Box(0, 0, 0, 10, 10, 10), Box(50, 0, 0, 60, 10, 10)];

        var result = BoxMatcher.Match(lesions, [], Defaults);

        Assert.Equal([0, 1], result.UnmatchedLesions);
        Assert.Empty(result.FalsePositives);
    }
}
