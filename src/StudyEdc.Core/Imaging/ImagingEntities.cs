namespace StudyEdc.Core.Imaging;

/// <summary>The phase a coordinator confirmed for a series; the model needs one of each.</summary>
public enum ConfirmedPhase
{
    Arterial,
    PortalVenous,
}

/// <summary>The CT exam of one participant: the series uploaded for it, and the phases confirmed.</summary>
public class ImagingExam
{
    public int Id { get; set; }

    public int ParticipantId { get; set; }

    /// <summary>The participant's site, copied so that site scoping needs no join.</summary>
    public int SiteId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>True once a coordinator confirmed the phases; a missing phase then excludes the participant.</summary>
    public bool PhasesConfirmed { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ImagingSeries> Series { get; set; } = [];
}

/// <summary>
/// One de-identified series of an exam, with the geometry of its assembled volume (patient coordinates, LPS, mm),
/// so that boxes drawn on its slices can be placed in patient space.
/// </summary>
public class ImagingSeries
{
    public int Id { get; set; }

    public int ExamId { get; set; }

    public ImagingExam? Exam { get; set; }

    public int SiteId { get; set; }

    /// <summary>The de-identified (replaced) SeriesInstanceUID.</summary>
    public string SeriesInstanceUid { get; set; } = "";

    public int? SeriesNumber { get; set; }

    public string? SeriesDescription { get; set; }

    /// <summary>The phase suggested from the headers (<see cref="Dicom.Series.ContrastPhase"/> name).</summary>
    public string PhaseHint { get; set; } = "";

    /// <summary>Confidence of <see cref="PhaseHint"/>, 0–1.</summary>
    public double PhaseHintConfidence { get; set; }

    public ConfirmedPhase? ConfirmedPhase { get; set; }

    public int Columns { get; set; }

    public int Rows { get; set; }

    public int SliceCount { get; set; }

    /// <summary>Voxel spacing in mm: column (x), row (y) and slice (z) direction.</summary>
    public double SpacingX { get; set; }

    public double SpacingY { get; set; }

    public double SpacingZ { get; set; }

    /// <summary>Patient position of voxel (0, 0, 0).</summary>
    public double OriginX { get; set; }

    public double OriginY { get; set; }

    public double OriginZ { get; set; }

    /// <summary>The volume's row, column and slice direction cosines, nine invariant numbers separated by backslashes.</summary>
    public string Directions { get; set; } = "";

    /// <summary>Warnings of series assembly (English, for the coordinator and the logs); empty when there were none.</summary>
    public string? Warnings { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<ImagingInstance> Instances { get; set; } = [];
}

/// <summary>
/// One slice of a series and the stored de-identified DICOM file that contains it, addressed by the SHA-256 of its
/// bytes. The slices of a multi-frame file share the file.
/// </summary>
public class ImagingInstance
{
    public long Id { get; set; }

    public int SeriesId { get; set; }

    public ImagingSeries? Series { get; set; }

    /// <summary>Slice position in the assembled volume, 0 at the first slice along the slice direction.</summary>
    public int SliceIndex { get; set; }

    /// <summary>Frame of the file that contains the slice; 0 for single-frame files.</summary>
    public int Frame { get; set; }

    /// <summary>The de-identified (replaced) SOPInstanceUID.</summary>
    public string SopInstanceUid { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of the stored file, which is also its storage address.</summary>
    public string Sha256 { get; set; } = "";

    public long SizeBytes { get; set; }
}

/// <summary>
/// A site's de-identification key, generated on first use and stored encrypted with ASP.NET Core data protection,
/// whose keys live in the same database, so every instance of the application derives the same pseudonyms.
/// </summary>
public class ImagingSiteKey
{
    public int SiteId { get; set; }

    /// <summary>The 32-byte key, protected by data protection and Base64-encoded.</summary>
    public string ProtectedKey { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}
