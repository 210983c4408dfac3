using StudyEdc.Core.Analysis;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Tests.Analysis;

/// <summary>The canonical JSON of a dataset: stable bytes, a stable hash, and a lossless round trip.</summary>
public sealed class AnalysisDatasetJsonTests
{
    [Fact]
    public void Serialization_does_not_depend_on_the_culture()
    {
        string chinese, german;
        using (new UiCulture("zh-CN"))
        {
            chinese = AnalysisDatasetJson.Serialize(AnalysisDatasets.Small());
        }

        using (new UiCulture("de-DE"))
        {
            german = AnalysisDatasetJson.Serialize(AnalysisDatasets.Small());
        }

        Assert.Equal(chinese, german);
        Assert.Contains("\"patientScore\":0.95", chinese, StringComparison.Ordinal);
    }

    [Fact]
    public void Round_trip_gives_the_same_json_and_hash()
    {
        var json = AnalysisDatasetJson.Serialize(AnalysisDatasets.Small());

        var again = AnalysisDatasetJson.Serialize(AnalysisDatasetJson.Deserialize(json));

        Assert.Equal(json, again);
        Assert.Equal(AnalysisDatasetJson.Sha256(json), AnalysisDatasetJson.Sha256(again));
    }

    [Fact]
    public void Round_trip_gives_the_same_figures()
    {
        var request = AnalysisDatasets.Request(AnalysisPopulation.PerProtocol, AnalysisLevel.Lesion);
        var original = AccuracyReportAssembler.Assemble(AnalysisDatasets.Small(), request);

        var restored = AccuracyReportAssembler.Assemble(AnalysisDatasetJson.Deserialize(AnalysisDatasetJson.Serialize(AnalysisDatasets.Small())), request);

        Assert.Equal(original.Pooled.Accuracy.Counts, restored.Pooled.Accuracy.Counts);
        Assert.Equal(original.Pooled.Auc.Auc, restored.Pooled.Auc.Auc);
        Assert.Equal(original.Pooled.Auc.Variance, restored.Pooled.Auc.Variance);
        Assert.Equal(original.Flow.Excluded, restored.Flow.Excluded);
    }

    [Fact]
    public void Rows_carry_the_population_flags()
    {
        var json = AnalysisDatasetJson.Serialize(AnalysisDatasets.Small());

        Assert.Contains("\"studyId\":\"WCH-0005\",\"eligibility\":\"Ineligible\",\"ineligibilityReasons\":[\"AgeOutOfRange\"],\"exclusionCriteria\":[],\"indexTestDone\":true,\"patientScore\":0.95,\"isEligible\":false,\"isPerProtocol\":false", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_format_version_is_rejected()
    {
        var json = AnalysisDatasetJson.Serialize(AnalysisDatasets.Small()).Replace("{\"format\":1,", "{\"format\":99,", StringComparison.Ordinal);

        var error = Assert.Throws<InvalidDataException>(() => AnalysisDatasetJson.Deserialize(json));

        Assert.Contains("format version 99", error.Message, StringComparison.Ordinal);
    }
}
