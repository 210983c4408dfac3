using StudyEdc.Core.Forms;
using StudyEdc.Core.ReferenceStandards;

namespace StudyEdc.Core.Lesions;

/// <summary>
/// The lesion CRF, several per participant: where the lesion is, how large, where it lies on the images, and its
/// reference standard (see <see cref="ReferenceStandardRules"/> for the protocol's rules).
/// </summary>
[CrfForm(CrfForms.LesionKey, "病灶", "Lesion")]
public class Lesion : CrfRecord
{
    [CrfField("病灶编号", "Lesion number", Minimum = 1, Maximum = 99, Requirement = FieldRequirement.Always,
        RuleZh = "同一受试者内不重复。", RuleEn = "Unique within the participant.")]
    public int LesionNumber { get; set; }

    [CrfField("Couinaud 肝段", "Couinaud segment", Requirement = FieldRequirement.ToComplete)]
    public CouinaudSegment? CouinaudSegment { get; set; }

    [CrfField("最大径", "Longest diameter", Unit = "mm", Minimum = 1, Maximum = 300, Requirement = FieldRequirement.ToComplete)]
    public decimal? LongestDiameterMm { get; set; }

    [CrfField("序列 UID", "Series Instance UID", MaxLength = 64, Pattern = @"[0-9]+(\.[0-9]+)*",
        RuleZh = "DICOM UID：以点分隔的数字，最多 64 个字符；在阅片器上勾画时填写。", RuleEn = "DICOM UID: digits separated by dots, at most 64 characters; filled when the lesion is drawn on the viewer.")]
    public string? SeriesInstanceUid { get; set; }

    [CrfField("起始层面", "First slice", Minimum = 0, Maximum = 5000, Requirement = FieldRequirement.Conditional,
        RuleZh = "与终止层面一起填写，且需填写序列 UID；起始层面不大于终止层面。", RuleEn = "Given with the last slice and the Series Instance UID; not after the last slice.")]
    public int? FirstSlice { get; set; }

    [CrfField("终止层面", "Last slice", Minimum = 0, Maximum = 5000, Requirement = FieldRequirement.Conditional)]
    public int? LastSlice { get; set; }

    [CrfField("病灶框 X（左上角列）", "Box X (left column)", Unit = "pixel", Minimum = 0, Maximum = 4095, Requirement = FieldRequirement.Conditional,
        RuleZh = "病灶框四个值全部填写或全部留空，并需填写层面范围。", RuleEn = "The four box values are all given or all empty, and need the slice range.")]
    public int? BoxX { get; set; }

    [CrfField("病灶框 Y（上边行）", "Box Y (top row)", Unit = "pixel", Minimum = 0, Maximum = 4095, Requirement = FieldRequirement.Conditional)]
    public int? BoxY { get; set; }

    [CrfField("病灶框宽度", "Box width", Unit = "pixel", Minimum = 1, Maximum = 4096, Requirement = FieldRequirement.Conditional)]
    public int? BoxWidth { get; set; }

    [CrfField("病灶框高度", "Box height", Unit = "pixel", Minimum = 1, Maximum = 4096, Requirement = FieldRequirement.Conditional)]
    public int? BoxHeight { get; set; }

    [CrfField("参考标准结论", "Reference standard: nature", Requirement = FieldRequirement.ToComplete)]
    public LesionNature? Nature { get; set; }

    [CrfField("参考标准方法", "Reference standard: method", Requirement = FieldRequirement.ToComplete,
        RuleZh = "恶性须经病理证实；良性须经三名放射科医师共识或两种不同影像方法间隔至少 6 个月的随访证实。",
        RuleEn = "Malignant needs pathology; benign needs three-radiologist consensus or follow-up with two different imaging modalities at least 6 months apart.")]
    public ReferenceStandardMethod? ReferenceStandard { get; set; }

    [CrfField("病理类型", "Pathology type", Requirement = FieldRequirement.Conditional,
        RuleZh = "方法为病理时完成表单前必填，否则留空。", RuleEn = "Required to complete when the method is pathology; empty otherwise.")]
    public PathologyType? PathologyType { get; set; }

    [CrfField("病理类型（其他）", "Pathology type (other)", MaxLength = 200, Requirement = FieldRequirement.Conditional,
        RuleZh = "病理类型为“其他”时必填。", RuleEn = "Required when the pathology type is Other.")]
    public string? PathologyTypeOther { get; set; }

    [CrfField("标本日期", "Specimen date", IdentifiesPerson = true, Requirement = FieldRequirement.Conditional,
        RuleZh = "方法为病理时完成表单前必填；不晚于今天。早于 CT 超过设定天数（默认 30 天）时自动发起质疑。",
        RuleEn = "Required to complete when the method is pathology; not in the future. More than the configured window (default 30 days) before the CT opens an automatic query.")]
    public DateOnly? SpecimenDate { get; set; }

    [CrfField("取材方式", "Specimen method", Requirement = FieldRequirement.Conditional,
        RuleZh = "方法为病理时完成表单前必填。", RuleEn = "Required to complete when the method is pathology.")]
    public SpecimenMethod? SpecimenMethod { get; set; }

    [CrfField("随访影像方法 1", "Follow-up modality 1", Requirement = FieldRequirement.Conditional,
        RuleZh = "方法为影像随访时必填；两种方法必须不同。", RuleEn = "Required when the method is follow-up; the two modalities must differ.")]
    public ImagingModality? FollowUpModality1 { get; set; }

    [CrfField("随访检查日期 1", "Follow-up exam date 1", IdentifiesPerson = true, Requirement = FieldRequirement.Conditional,
        RuleZh = "不早于 CT 检查日期，不晚于今天。", RuleEn = "Not before the CT exam date and not in the future.")]
    public DateOnly? FollowUpDate1 { get; set; }

    [CrfField("随访影像方法 2", "Follow-up modality 2", Requirement = FieldRequirement.Conditional)]
    public ImagingModality? FollowUpModality2 { get; set; }

    [CrfField("随访检查日期 2", "Follow-up exam date 2", IdentifiesPerson = true, Requirement = FieldRequirement.Conditional,
        RuleZh = "与随访检查日期 1 至少间隔 6 个月。", RuleEn = "At least 6 months from follow-up exam date 1.")]
    public DateOnly? FollowUpDate2 { get; set; }

    [CrfField("随访结局", "Follow-up outcome", Requirement = FieldRequirement.Conditional,
        RuleZh = "方法为影像随访时必填。", RuleEn = "Required when the method is follow-up.")]
    public FollowUpOutcome? FollowUpOutcome { get; set; }
}

public enum CouinaudSegment
{
    [CrfChoice("I 段", "Segment I")]
    I = 1,

    [CrfChoice("II 段", "Segment II")]
    II,

    [CrfChoice("III 段", "Segment III")]
    III,

    [CrfChoice("IV 段", "Segment IV")]
    IV,

    [CrfChoice("V 段", "Segment V")]
    V,

    [CrfChoice("VI 段", "Segment VI")]
    VI,

    [CrfChoice("VII 段", "Segment VII")]
    VII,

    [CrfChoice("VIII 段", "Segment VIII")]
    VIII,
}
