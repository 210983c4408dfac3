namespace StudyEdc.Core.Participants;

/// <summary>
/// The participant CRF: identity within the study, demographics and the protocol's eligibility checklist.
/// A null checklist answer means "not answered yet".
/// </summary>
public class Participant
{
    public int Id { get; set; }

    public int SiteId { get; set; }

    /// <summary>Site code and a per-site number, for example "WCH-0001". Never reused.</summary>
    public string StudyId { get; set; } = "";

    /// <summary>Age in whole years at the CT exam; the registration allows 18 to 80.</summary>
    public int? Age { get; set; }

    public Sex? Sex { get; set; }

    public DateOnly? CtExamDate { get; set; }

    // Inclusion criteria. Age >= 18 is derived from Age.

    /// <summary>No liver resection, TACE or RFA before the CT.</summary>
    public bool? NoPriorLiverTreatment { get; set; }

    /// <summary>
    /// The lesion is proven: malignant by pathology, benign by three-radiologist consensus or by follow-up
    /// with two imaging modalities over at least six months.
    /// </summary>
    public bool? ReferenceStandardConfirmed { get; set; }

    // Exclusion criteria.

    public bool? PoorImageQuality { get; set; }

    public bool? PreviousSurgery { get; set; }

    /// <summary>The model's detection box does not match the lesion.</summary>
    public bool? DetectionBoxMismatch { get; set; }

    /// <summary>The arterial-phase or the portal-venous-phase CT series is missing.</summary>
    public bool? ArterialOrPortalPhaseMissing { get; set; }

    public FormStatus Status { get; set; } = FormStatus.Draft;

    /// <summary>Derived from the checklist by the server on every save; never typed in.</summary>
    public EligibilityStatus Eligibility { get; set; } = EligibilityStatus.Undetermined;

    /// <summary>Codes of the unmet inclusion or met exclusion criteria, comma-separated, empty when eligible.</summary>
    public string IneligibilityReasons { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum Sex
{
    Male,
    Female,
}

/// <summary>Form life cycle: draft → complete → verified → locked.</summary>
public enum FormStatus
{
    Draft,
    Complete,
    Verified,
    Locked,
}

public enum EligibilityStatus
{
    /// <summary>At least one checklist answer or the age is missing.</summary>
    Undetermined,
    Eligible,
    Ineligible,
}
