using StudyEdc.Statistics;

namespace StudyEdc.Reports.Model;

/// <summary>
/// Everything the accuracy report prints, as plain values: Core computes the statistics on a frozen data snapshot
/// and hands this record over; the PDF writer only draws it.
/// </summary>
public sealed record AccuracyReport
{
    public required ReportLanguage Language { get; init; }

    /// <summary>Study title in the report's language.</summary>
    public required string StudyTitle { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>IANA time zone of the sites, such as "Asia/Shanghai", for the local generation time.</summary>
    public required string SiteTimeZoneId { get; init; }

    public required DataSnapshotInfo Snapshot { get; init; }

    public required ModelInfo Model { get; init; }

    /// <summary>Locked decision threshold: a score at or above it is test-positive.</summary>
    public required double DecisionThreshold { get; init; }

    public required AnalysisPopulation Population { get; init; }

    public required AnalysisLevel Level { get; init; }

    /// <summary>One entry per site, in the order they are printed.</summary>
    public required IReadOnlyList<SiteAccuracy> Sites { get; init; }

    /// <summary>All sites together.</summary>
    public required SiteAccuracy Pooled { get; init; }

    public required StardFlow Flow { get; init; }
}

/// <summary>The frozen, numbered data snapshot the figures were computed on.</summary>
/// <param name="Number">Sequential snapshot number shown to people.</param>
/// <param name="Id">Stable identifier (for example a GUID or content hash) that finds the snapshot again.</param>
public sealed record DataSnapshotInfo(long Number, string Id);

/// <summary>The model whose scores were analysed.</summary>
/// <param name="Name">Model name from its model card.</param>
/// <param name="Version">Model version.</param>
/// <param name="Sha256">Hex SHA-256 of the ONNX file.</param>
public sealed record ModelInfo(string Name, string Version, string Sha256);

/// <summary>Which participants the analysis includes.</summary>
public enum AnalysisPopulation
{
    AllEnrolled,
    Eligible,
    PerProtocol,
}

/// <summary>Unit of analysis.</summary>
public enum AnalysisLevel
{
    Patient,
    Lesion,
}

/// <summary>
/// Results of one site (or of all sites pooled) at the locked threshold, built from StudyEdc.Statistics results.
/// </summary>
public sealed record SiteAccuracy
{
    /// <summary>Site name in the report's language, or the localized "pooled" label.</summary>
    public required string Name { get; init; }

    /// <summary>2×2 counts and proportions with Wilson and exact intervals at the decision threshold.</summary>
    public required DiagnosticAccuracy Accuracy { get; init; }

    /// <summary>AUC with the DeLong interval.</summary>
    public required AucResult Auc { get; init; }

    /// <summary>AUC with the Obuchowski clustered interval (several lesions per patient); null when not computed.</summary>
    public ClusteredAucResult? ClusteredAuc { get; init; }

    /// <summary>Empirical ROC curve.</summary>
    public required RocCurve Roc { get; init; }

    /// <summary>FROC curve of the detection marks; null when lesion detection was not analysed.</summary>
    public FrocCurve? Froc { get; init; }

    /// <summary>Number of cases: the 2×2 total.</summary>
    public int Count => Accuracy.Counts.Total;

    /// <summary>Reference-standard positives.</summary>
    public int Positives => Accuracy.Counts.TruePositives + Accuracy.Counts.FalseNegatives;

    /// <summary>Reference-standard negatives.</summary>
    public int Negatives => Accuracy.Counts.TrueNegatives + Accuracy.Counts.FalsePositives;

    /// <summary>
    /// Builds the site's entry from <see cref="AccuracyAnalysis.Run"/> called with the locked threshold as its
    /// only threshold.
    /// </summary>
    /// <exception cref="ArgumentException">The summary holds no result at a threshold.</exception>
    public static SiteAccuracy FromSummary(string name, AccuracySummary summary, FrocCurve? froc = null)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.AtThresholds.Count == 0)
        {
            throw new ArgumentException(
                $"The summary for '{name}' has no 2×2 result. Run AccuracyAnalysis.Run with the locked decision threshold.",
                nameof(summary));
        }

        return new SiteAccuracy
        {
            Name = name,
            Accuracy = summary.AtThresholds[0],
            Auc = summary.DeLong,
            ClusteredAuc = summary.Clustered,
            Roc = summary.Curve,
            Froc = froc,
        };
    }
}
