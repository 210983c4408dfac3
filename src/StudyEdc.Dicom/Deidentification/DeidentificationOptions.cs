namespace StudyEdc.Dicom.Deidentification;

/// <summary>How dates and times are handled (PS3.15 E.3.6, Retain Longitudinal Temporal Information options).</summary>
public enum TemporalInformation
{
    /// <summary>Basic profile: dates and times are removed or emptied as the table gives.</summary>
    Remove,

    /// <summary>
    /// Retain Longitudinal Temporal Information with Modified Dates: every date in the table moves by the same
    /// whole number of days for all exams of one patient, so intervals between exams stay true. Times of day are
    /// kept. PatientBirthDate is still emptied.
    /// </summary>
    ShiftDates,
}

/// <summary>A private attribute kept by de-identification: its private creator, group and element offset (00–FF).</summary>
public sealed record PrivateAttributeAllowance(string PrivateCreator, ushort Group, byte ElementOffset);

/// <summary>Settings of one site's de-identification. The secret key must stay on the server and never be logged.</summary>
public sealed record DeidentificationOptions
{
    /// <summary>Short code of the site (for example "SITE01"); it prefixes the patient pseudonym.</summary>
    public required string SiteCode { get; init; }

    /// <summary>
    /// Per-site secret key (at least 32 bytes) for the keyed hashes that make pseudonyms, replacement UIDs and the
    /// date shift. The same key gives the same pseudonym for the same patient, so follow-up exams stay linked.
    /// </summary>
    public required byte[] SiteSecretKey { get; init; }

    public TemporalInformation Temporal { get; init; } = TemporalInformation.Remove;

    /// <summary>Largest date shift in days, either way (default 365); the shift is never zero.</summary>
    public int MaxDateShiftDays { get; init; } = 365;

    /// <summary>Retain Patient Characteristics option: keep PatientSex, PatientAge, PatientSize and PatientWeight.</summary>
    public bool RetainPatientCharacteristics { get; init; }

    /// <summary>Private attributes kept; every other private attribute is removed.</summary>
    public IReadOnlyList<PrivateAttributeAllowance> PrivateAllowList { get; init; } = [];

    /// <summary>Accept images with BurnedInAnnotation YES (an Administrator's decision; off by default).</summary>
    public bool AllowBurnedInAnnotation { get; init; }

    /// <summary>Accept secondary capture images, which are often screenshots with text (off by default).</summary>
    public bool AllowSecondaryCapture { get; init; }

    /// <summary>Accept dose reports and dose screens, which carry patient data in text and pixels (off by default).</summary>
    public bool AllowDoseReports { get; init; }
}
