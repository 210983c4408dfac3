using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Participants;

/// <summary>
/// The participant CRF: identity within the study, demographics and the protocol's eligibility checklist.
/// A null checklist answer means "not answered yet".
/// </summary>
[CrfForm(CrfForms.ParticipantKey, "受试者", "Participant")]
public class Participant
{
    public int Id { get; set; }

    public int SiteId { get; set; }

    /// <summary>Site code and a per-site number, for example "WCH-0001". Never reused.</summary>
    [CrfField("研究编号", "Study ID", MaxLength = 20, Derived = true,
        RuleZh = "中心代码加中心内序号，例如 WCH-0001；由服务器分配，不重复使用。", RuleEn = "Site code and a per-site number, for example WCH-0001; assigned by the server and never reused.")]
    public string StudyId { get; set; } = "";

    /// <summary>Age in whole years at the CT exam; the registration allows 18 to 80.</summary>
    [CrfField("年龄", "Age", Unit = "years", Minimum = 0, Maximum = 120, Requirement = FieldRequirement.ToComplete,
        RuleZh = "CT 检查时的整岁年龄；18–80 岁以外为不符合入选标准。", RuleEn = "Whole years at the CT exam; outside 18 to 80 makes the participant ineligible.")]
    public int? Age { get; set; }

    [CrfField("性别", "Sex", Requirement = FieldRequirement.ToComplete)]
    public Sex? Sex { get; set; }

    [CrfField("CT 检查日期", "CT exam date", IdentifiesPerson = true, Requirement = FieldRequirement.ToComplete,
        RuleZh = "不早于 2000-01-01，不晚于本中心今天。", RuleEn = "Not before 2000-01-01 and not after today at the site.")]
    public DateOnly? CtExamDate { get; set; }

    // Inclusion criteria. Age >= 18 is derived from Age.

    /// <summary>No liver resection, TACE or RFA before the CT.</summary>
    [CrfField("CT 前未行肝切除、TACE 或 RFA", "No liver resection, TACE or RFA before the CT", Requirement = FieldRequirement.ToComplete)]
    public bool? NoPriorLiverTreatment { get; set; }

    /// <summary>
    /// The lesion is proven: malignant by pathology, benign by three-radiologist consensus or by follow-up
    /// with two imaging modalities over at least six months.
    /// </summary>
    [CrfField("病灶经参考标准证实", "Lesion confirmed by the reference standard", Requirement = FieldRequirement.ToComplete)]
    public bool? ReferenceStandardConfirmed { get; set; }

    // Exclusion criteria.

    [CrfField("图像质量差", "Poor image quality", Requirement = FieldRequirement.ToComplete)]
    public bool? PoorImageQuality { get; set; }

    [CrfField("既往手术", "Previous surgery", Requirement = FieldRequirement.ToComplete)]
    public bool? PreviousSurgery { get; set; }

    /// <summary>The model's detection box does not match the lesion.</summary>
    [CrfField("检测框与病灶不符", "Detection box does not match the lesion", Requirement = FieldRequirement.ToComplete)]
    public bool? DetectionBoxMismatch { get; set; }

    /// <summary>The arterial-phase or the portal-venous-phase CT series is missing.</summary>
    [CrfField("缺少动脉期或门静脉期", "Arterial or portal-venous phase missing", Requirement = FieldRequirement.ToComplete)]
    public bool? ArterialOrPortalPhaseMissing { get; set; }

    public FormStatus Status { get; set; } = FormStatus.Draft;

    /// <summary>Derived from the checklist by the server on every save; never typed in.</summary>
    [CrfField("入组资格", "Eligibility", Derived = true)]
    public EligibilityStatus Eligibility { get; set; } = EligibilityStatus.Undetermined;

    /// <summary>Codes of the unmet inclusion or met exclusion criteria, comma-separated, empty when eligible.</summary>
    [CrfField("不符合入组的原因", "Ineligibility reasons", MaxLength = 400, Derived = true)]
    public string IneligibilityReasons { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum Sex
{
    [CrfChoice("男", "Male")]
    Male,

    [CrfChoice("女", "Female")]
    Female,
}

/// <summary>Form life cycle: draft → complete → verified → locked.</summary>
public enum FormStatus
{
    [CrfChoice("草稿", "Draft")]
    Draft,

    [CrfChoice("已完成", "Complete")]
    Complete,

    [CrfChoice("已核查", "Verified")]
    Verified,

    [CrfChoice("已锁定", "Locked")]
    Locked,
}

public enum EligibilityStatus
{
    /// <summary>At least one checklist answer or the age is missing.</summary>
    [CrfChoice("待定", "Undetermined")]
    Undetermined,

    [CrfChoice("符合", "Eligible")]
    Eligible,

    [CrfChoice("不符合", "Ineligible")]
    Ineligible,
}
