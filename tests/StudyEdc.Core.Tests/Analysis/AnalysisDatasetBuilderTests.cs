using StudyEdc.Core.Analysis;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Tests.Forms;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Tests.Analysis;

/// <summary>
/// The dataset a snapshot freezes, built from lesion boxes and stored detections. The series has identity geometry
/// and 1 mm voxels, so the lesion box of <see cref="CasebookTestBase.MalignantLesion"/> (columns 210–273, rows
/// 180–237, slices 40–52) lies at x 209.5–273.5, y 179.5–237.5 and z 39.5–52.5 mm.
/// </summary>
public sealed class AnalysisDatasetBuilderTests : CasebookTestBase
{
    private static readonly AnalysisPlanInput Plan = new(0.5, "phantom-lesion-detector", "1.0.0", new string('f', 64), AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion);

    [Fact]
    public async Task Matched_detection_scores_the_lesion()
    {
        var dataset = await SnapshotWithDetectionsAsync(Plan.ModelName);

        var lesion = Assert.Single(dataset.Lesions);

        Assert.Equal((true, true, 0.9, 0.8), (lesion.HasBox, lesion.DetectionMatched, lesion.DetectionScore, lesion.Score));
    }

    [Fact]
    public async Task Unmatched_detection_becomes_a_false_positive_mark()
    {
        var dataset = await SnapshotWithDetectionsAsync(Plan.ModelName);

        var mark = Assert.Single(dataset.FalsePositiveMarks);

        Assert.Equal((0.6, 0.2), (mark.DetectionScore, mark.Malignancy));
    }

    [Fact]
    public async Task Patient_score_is_the_highest_malignancy()
    {
        var dataset = await SnapshotWithDetectionsAsync(Plan.ModelName);

        var participant = Assert.Single(dataset.Participants);

        Assert.True(participant.IndexTestDone);
        Assert.Equal(0.8, participant.PatientScore);
    }

    [Fact]
    public async Task Detections_of_another_model_do_not_count()
    {
        var dataset = await SnapshotWithDetectionsAsync("another-model");

        Assert.False(Assert.Single(dataset.Participants).IndexTestDone);
        Assert.Null(Assert.Single(dataset.Lesions).Score);
        Assert.Empty(dataset.FalsePositiveMarks);
    }

    /// <summary>
    /// Enrols a WCH participant with the boxed malignant lesion, stores its series and a succeeded job of
    /// <paramref name="jobModelName"/> with one detection on the lesion and one elsewhere, locks the plan and
    /// returns the dataset of snapshot 1.
    /// </summary>
    private async Task<AnalysisDataset> SnapshotWithDetectionsAsync(string jobModelName)
    {
        var coordinator = await CallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var participant = await EnrolAsync(coordinator);
        var lesion = await CreateLesionAsync(coordinator, participant.Id, MalignantLesion());

        var db = Database.NewContext();
        var exam = new ImagingExam { ParticipantId = participant.Id, SiteId = coordinator.SiteId!.Value };
        var series = new ImagingSeries
        {
            Exam = exam, SiteId = exam.SiteId, SeriesInstanceUid = lesion.Values.SeriesInstanceUid!, Columns = 512, Rows = 512, SliceCount = 100,
            SpacingX = 1, SpacingY = 1, SpacingZ = 1, Directions = @"1\0\0\0\1\0\0\0\1",
        };
        db.AddRange(exam, series);
        await db.SaveChangesAsync(Cancel);
        var job = new InferenceJob
        {
            ExamId = exam.Id, SiteId = exam.SiteId, ArterialSeriesId = series.Id, PortalVenousSeriesId = series.Id,
            ModelName = jobModelName, ModelVersion = Plan.ModelVersion, ModelSha256 = Plan.ModelSha256, Status = InferenceJobStatus.Succeeded,
            CompletedAtUtc = DateTime.UtcNow,
        };
        job.Predictions.Add(Prediction(job, exam, 0.9, 0.8, (209.5, 179.5, 39.5), (273.5, 237.5, 52.5)));
        job.Predictions.Add(Prediction(job, exam, 0.6, 0.2, (20, 20, 80), (40, 40, 90)));
        db.Add(job);
        await db.SaveChangesAsync(Cancel);

        var pi = await PrincipalInvestigatorWithPasswordAsync();
        var analysis = Get<IAnalysisService>();
        var plan = (await analysis.UpdatePlanAsync(pi, Plan, Guid.Empty, Cancel)).Value!;
        await analysis.LockAsync(pi, PiPassword, plan.Version, Cancel);
        var number = (await analysis.CreateSnapshotAsync(pi, Cancel)).Value!.Number;
        return (await analysis.GetSnapshotDatasetAsync(pi, number, Cancel)).Value!;
    }

    private static InferencePrediction Prediction(InferenceJob job, ImagingExam exam, double score, double malignancy, (double X, double Y, double Z) min, (double X, double Y, double Z) max) => new()
    {
        ExamId = exam.Id, SiteId = exam.SiteId, Score = score, Malignancy = malignancy,
        PatientMinX = min.X, PatientMinY = min.Y, PatientMinZ = min.Z, PatientMaxX = max.X, PatientMaxY = max.Y, PatientMaxZ = max.Z,
        ModelName = job.ModelName, ModelVersion = job.ModelVersion, ModelSha256 = job.ModelSha256,
    };
}
