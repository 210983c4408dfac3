using StudyEdc.Core.Analysis;
using StudyEdc.Reports.Model;
using StudyEdc.Statistics;

namespace StudyEdc.Core.Tests.Analysis;

/// <summary>Report assembly on a dataset small enough to check every count by hand (see <see cref="AnalysisDatasets"/>).</summary>
public sealed class AccuracyReportAssemblerTests
{
    [Fact]
    public void Lesion_level_counts_the_site_two_by_two()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        var wch = report.Sites[0];

        Assert.Equal("West China Hospital", wch.Name);
        Assert.Equal(new ConfusionCounts(TruePositives: 1, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 1), wch.Accuracy.Counts);
    }

    [Fact]
    public void Lesion_level_auc_is_the_share_of_ordered_pairs()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        // Malignant 0.9 and 0.3 against benign 0.6 and 0.1: three of four pairs ordered correctly.
        Assert.Equal(0.75, report.Sites[0].Auc.Auc!.Value, 12);
    }

    [Fact]
    public void Pooled_lesions_include_every_analysable_site_row()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        // WCH 4 lesions; HPH: 0001's two, 0002's one (eligible, excluded only per protocol); 0003 has no result, 0004 no reference.
        Assert.Equal(7, report.Pooled.Count);
        Assert.Equal(4, report.Pooled.Positives);
        Assert.Equal("Pooled", report.Pooled.Name);
    }

    [Fact]
    public void Per_protocol_drops_participants_with_an_exclusion()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion));

        Assert.Equal(6, report.Pooled.Count);
        Assert.Equal([new ReasonCount("Consent withdrawn", 1), new ReasonCount("Age outside 18–80 years", 1)], report.Flow.Excluded.OrderByDescending(r => r.Label, StringComparer.Ordinal));
    }

    [Fact]
    public void All_enrolled_includes_the_ineligible_participant()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.AllEnrolled, AnalysisLevel.Lesion));

        Assert.Equal(5, report.Sites[0].Count);
        Assert.Empty(report.Flow.Excluded);
    }

    [Fact]
    public void Stard_flow_counts_missing_results_and_references()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        var flow = report.Flow;

        Assert.Equal(9, flow.Assessed);
        Assert.Equal([new ReasonCount("Age outside 18–80 years", 1)], flow.Excluded);
        Assert.Equal(8, flow.IndexTestDone);
        Assert.Equal([new ReasonCount("No inference result of the locked model", 1)], flow.IndexTestNotDone);
        Assert.Equal([new ReasonCount("Reference standard not recorded", 1)], flow.NoReferenceStandard);
        Assert.Equal([new ReasonCount("Pathology", 4), new ReasonCount("Imaging follow-up", 3)], flow.ReferenceStandardByType);
        Assert.Equal(report.Pooled.Accuracy.Counts, flow.Cells);
    }

    [Fact]
    public void Patient_level_labels_a_patient_by_any_malignant_lesion()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Patient));

        var hph = report.Sites[1];

        // HPH-0001 (malignant + benign, patient score 0.8) and HPH-0002 (0.7) are analysable; 0003 has no result, 0004 no reference.
        Assert.Equal(new ConfusionCounts(TruePositives: 2, FalsePositives: 0, TrueNegatives: 0, FalseNegatives: 0), hph.Accuracy.Counts);
    }

    [Fact]
    public void Site_with_one_class_reports_auc_not_estimable()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Patient));

        var auc = report.Sites[1].Auc;

        Assert.Null(auc.Auc);
        Assert.Equal(NotEstimableReason.NoNegatives, auc.Problem!.Reason);
    }

    [Fact]
    public void Lesion_level_clusters_lesions_by_participant()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        // HPH-0001 holds two lesions, so pooled has 7 lesions in 6 clusters.
        Assert.Equal(6, report.Pooled.ClusteredAuc!.Clusters);
    }

    [Fact]
    public void Patient_level_has_no_clustered_auc()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Patient));

        Assert.Null(report.Pooled.ClusteredAuc);
    }

    [Fact]
    public void Froc_counts_matched_lesions_and_false_positive_marks()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion));

        var froc = report.Sites[1].Froc!;
        var last = froc.Points[^1];

        // HPH eligible with a result: 0001 (two lesions, one mark), 0002, 0004: four lesions, three images.
        Assert.Equal(4, froc.Lesions);
        Assert.Equal(3, froc.Images);
        Assert.Equal(4, last.LesionLocalizations);
        Assert.Equal(1, last.NonLesionLocalizations);
    }

    [Fact]
    public void Threshold_of_the_request_sets_the_two_by_two()
    {
        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion, threshold: 0.2));

        Assert.Equal(new ConfusionCounts(TruePositives: 2, FalsePositives: 1, TrueNegatives: 1, FalseNegatives: 0), report.Sites[0].Accuracy.Counts);
        Assert.Equal(0.2, report.DecisionThreshold);
    }

    [Fact]
    public void Chinese_report_names_sites_and_reasons_in_chinese()
    {
        var request = AnalysisDatasets.Request(AnalysisPopulation.Eligible, AnalysisLevel.Lesion) with { Language = Reports.ReportLanguage.ZhCn };

        var report = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), request);

        Assert.Equal("四川大学华西医院", report.Sites[0].Name);
        Assert.Equal("合并", report.Pooled.Name);
        Assert.Equal("年龄不在 18–80 岁", Assert.Single(report.Flow.Excluded).Label);
    }
}
