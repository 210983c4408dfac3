using StudyEdc.Statistics;

namespace StudyEdc.Reports.Model;

/// <summary>
/// Participant flow as the STARD 2015 diagram shows it: assessed, excluded with reasons, index test done,
/// reference standard by type, and the final 2×2 cells.
/// </summary>
public sealed record StardFlow
{
    /// <summary>Potentially eligible participants assessed.</summary>
    public required int Assessed { get; init; }

    /// <summary>Participants excluded before the index test, by reason.</summary>
    public IReadOnlyList<ReasonCount> Excluded { get; init; } = [];

    /// <summary>Participants whose index test (the model) produced a result.</summary>
    public required int IndexTestDone { get; init; }

    /// <summary>Eligible participants without an index test result (failed inference, missing phase), by reason.</summary>
    public IReadOnlyList<ReasonCount> IndexTestNotDone { get; init; } = [];

    /// <summary>Participants with a reference standard, by type (histopathology, follow-up imaging, ...).</summary>
    public IReadOnlyList<ReasonCount> ReferenceStandardByType { get; init; } = [];

    /// <summary>Participants with an index test result but no reference standard, by reason.</summary>
    public IReadOnlyList<ReasonCount> NoReferenceStandard { get; init; } = [];

    /// <summary>Final 2×2 cells at the decision threshold.</summary>
    public required ConfusionCounts Cells { get; init; }
}

/// <summary>A count with its label (a reason or a type), already in the report's language.</summary>
public sealed record ReasonCount(string Label, int Count);
