namespace StudyEdc.Dicom.Deidentification;

/// <summary>Why a file was quarantined instead of de-identified.</summary>
public enum QuarantineReason
{
    /// <summary>BurnedInAnnotation (0028,0301) is YES: the pixels may show the patient's name.</summary>
    BurnedInAnnotation,

    /// <summary>A secondary capture SOP class: usually a screenshot that may carry text in the pixels.</summary>
    SecondaryCapture,

    /// <summary>A radiation dose report (dose SR, or a dose screen saved as an image) with patient data in it.</summary>
    DoseReport,
}

/// <summary>
/// The outcome of de-identifying one dataset: either the de-identified copy, or the reason it was quarantined and
/// the option that would allow it.
/// </summary>
public sealed record DeidentificationResult
{
    private DeidentificationResult(DicomDataset? dataset, QuarantineReason? reason, string? detail)
    {
        Dataset = dataset;
        Quarantine = reason;
        Detail = detail;
    }

    /// <summary>The de-identified copy; null when quarantined.</summary>
    public DicomDataset? Dataset { get; }

    /// <summary>The reason the dataset was not de-identified; null on success.</summary>
    public QuarantineReason? Quarantine { get; }

    /// <summary>An English sentence saying what was found and which option allows it; null on success.</summary>
    public string? Detail { get; }

    public bool IsQuarantined => Quarantine is not null;

    internal static DeidentificationResult Success(DicomDataset dataset) => new(dataset, null, null);

    internal static DeidentificationResult Quarantined(QuarantineReason reason, string detail) => new(null, reason, detail);
}
