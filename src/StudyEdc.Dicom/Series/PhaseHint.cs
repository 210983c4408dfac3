namespace StudyEdc.Dicom.Series;

/// <summary>The contrast phase of a liver CT series.</summary>
public enum ContrastPhase
{
    Unknown,

    /// <summary>Plain scan before contrast (平扫).</summary>
    NonContrast,

    /// <summary>Arterial phase, AP (动脉期).</summary>
    Arterial,

    /// <summary>Portal-venous phase, PVP (门脉期, 门静脉期, 静脉期).</summary>
    PortalVenous,

    /// <summary>Delayed or equilibrium phase (延迟期, 平衡期).</summary>
    Delayed,
}

/// <summary>The kind of evidence behind a phase suggestion, so that a UI can word it in the user's language.</summary>
public enum PhaseEvidenceKind
{
    /// <summary>A phase word in SeriesDescription.</summary>
    SeriesDescription,

    /// <summary>A phase word in ProtocolName.</summary>
    ProtocolName,

    /// <summary>ContrastBolusAgent or ContrastBolusStartTime present (contrast given) or absent.</summary>
    ContrastBolus,

    /// <summary>Seconds from ContrastBolusStartTime to AcquisitionTime.</summary>
    ContrastTiming,

    /// <summary>Position of the series among the exam's contrast-enhanced series, by acquisition time.</summary>
    AcquisitionOrder,
}

/// <summary>One reason for or against a phase: what was seen, and how much it counts (0–1).</summary>
public sealed record PhaseEvidence(PhaseEvidenceKind Kind, ContrastPhase Phase, double Weight, string Detail);

/// <summary>
/// A suggested contrast phase for one series, to be confirmed by a study coordinator. <see cref="Confidence"/> is
/// 0 when nothing pointed to any phase; <see cref="Evidence"/> lists every clue found, including those that disagree.
/// </summary>
public sealed record PhaseHint(string SeriesInstanceUid, ContrastPhase Suggested, double Confidence,
    IReadOnlyList<PhaseEvidence> Evidence)
{
    /// <summary>True when some evidence pointed to another phase than the suggestion.</summary>
    public bool HasConflict => Evidence.Any(e => e.Phase != ContrastPhase.Unknown && e.Phase != Suggested);

    /// <summary>An English sentence listing the evidence, for logs and the command line.</summary>
    public string Reason => Evidence.Count == 0
        ? "no phase words, contrast attributes or acquisition times found"
        : string.Join("; ", Evidence.Select(e => e.Detail));
}

/// <summary>
/// The attributes of one series that the phase hint reads. Times are DICOM TM values already parsed to a time of
/// day; null when the attribute is absent or not a valid TM.
/// </summary>
public sealed record SeriesPhaseAttributes(
    string SeriesInstanceUid,
    string? SeriesDescription,
    string? ProtocolName,
    string? ContrastBolusAgent,
    TimeSpan? ContrastBolusStartTime,
    TimeSpan? AcquisitionTime,
    TimeSpan? SeriesTime);
