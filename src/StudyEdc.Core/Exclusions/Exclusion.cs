using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Exclusions;

/// <summary>
/// A protocol exclusion of a participant, with its reason and date. Excluded participants stay in the database
/// and in the participant-flow counts; an exclusion is never deleted, only corrected with a reason.
/// </summary>
[CrfForm(CrfForms.ExclusionKey, "排除", "Exclusion")]
public class Exclusion : CrfRecord
{
    [CrfField("排除原因", "Exclusion criterion", Requirement = FieldRequirement.Always)]
    public ExclusionCriterion? Criterion { get; set; }

    [CrfField("说明", "Details", MaxLength = 1000, Requirement = FieldRequirement.Conditional,
        RuleZh = "排除原因为“其他”时必填。", RuleEn = "Required when the criterion is Other.")]
    public string? Details { get; set; }

    [CrfField("排除日期", "Exclusion date", IdentifiesPerson = true, Requirement = FieldRequirement.Always,
        RuleZh = "不晚于今天。", RuleEn = "Not in the future.")]
    public DateOnly? ExclusionDate { get; set; }
}

/// <summary>The protocol's exclusion criteria, and the other reasons a participant leaves the analysis.</summary>
public enum ExclusionCriterion
{
    [CrfChoice("图像质量差", "Poor image quality")]
    PoorImageQuality,

    [CrfChoice("既往手术", "Previous surgery")]
    PreviousSurgery,

    [CrfChoice("检测框与病灶不符", "Detection box does not match the lesion")]
    DetectionBoxMismatch,

    [CrfChoice("缺少动脉期或门静脉期", "Arterial or portal-venous phase missing")]
    PhaseMissing,

    [CrfChoice("撤回知情同意", "Consent withdrawn")]
    ConsentWithdrawn,

    [CrfChoice("其他", "Other")]
    Other,
}
