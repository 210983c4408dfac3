namespace StudyEdc.Dicom.Deidentification;

/// <summary>
/// What the Basic Application Level Confidentiality Profile does with an attribute (DICOM PS3.15 Table E.1-1
/// action codes). Where the standard allows a choice (X/Z, Z/D, X/Z/D, X/D, X/Z/U*), the table here gives the
/// choice StudyEdc makes for CT exports.
/// </summary>
public enum ConfidentialityAction
{
    /// <summary>K: keep the value.</summary>
    Keep,

    /// <summary>X: remove the attribute.</summary>
    Remove,

    /// <summary>Z: replace with a zero-length value (the attribute stays, empty).</summary>
    Empty,

    /// <summary>D: replace with a non-identifying dummy value of the same VR.</summary>
    Dummy,

    /// <summary>U: replace the UID with one derived by a keyed hash, consistently across files.</summary>
    ReplaceUid,
}

/// <summary>One row of the de-identification table: the attribute, the action, and whether its value is a date or time.</summary>
public sealed record ConfidentialityRule(DicomTag Tag, string Keyword, ConfidentialityAction Action,
    TemporalKind Temporal = TemporalKind.None);

/// <summary>Whether an attribute's value is a date, a date-time or a time of day, for the longitudinal temporal options.</summary>
public enum TemporalKind
{
    None,
    Date,
    DateTime,
    Time,
}
