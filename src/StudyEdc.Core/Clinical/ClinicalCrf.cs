using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Clinical;

/// <summary>
/// The clinical CRF, one per participant: viral hepatitis, cirrhosis, AFP, why the CT was done, and how the
/// contrast-enhanced CT was acquired.
/// </summary>
[CrfForm(CrfForms.ClinicalKey, "临床资料", "Clinical data")]
public class ClinicalCrf : CrfRecord
{
    [CrfField("乙型肝炎病毒感染（HBsAg）", "Hepatitis B infection (HBsAg)", Requirement = FieldRequirement.ToComplete)]
    public ViralStatus? HepatitisB { get; set; }

    [CrfField("丙型肝炎病毒感染（抗-HCV）", "Hepatitis C infection (anti-HCV)", Requirement = FieldRequirement.ToComplete)]
    public ViralStatus? HepatitisC { get; set; }

    [CrfField("肝硬化", "Cirrhosis", Requirement = FieldRequirement.ToComplete)]
    public bool? Cirrhosis { get; set; }

    [CrfField("甲胎蛋白（AFP），按报告单位录入", "Alpha-fetoprotein (AFP) as reported", Minimum = 0,
        RuleZh = "与 AFP 单位一起填写或一起留空；留空表示未检测。", RuleEn = "Entered together with the AFP unit, or both left empty when AFP was not measured.")]
    public decimal? AfpValue { get; set; }

    [CrfField("AFP 单位", "AFP unit", Requirement = FieldRequirement.Conditional,
        RuleZh = "填写 AFP 数值时必填。1 IU/mL 按 1.21 ng/mL 换算。", RuleEn = "Required when an AFP value is entered. 1 IU/mL is converted as 1.21 ng/mL.")]
    public AfpUnit? AfpUnit { get; set; }

    [CrfField("AFP（换算为 ng/mL）", "AFP in ng/mL", Unit = "ng/mL", Minimum = 0, Maximum = 1_000_000, Derived = true,
        RuleZh = "由录入值和单位换算；超出 0–1 000 000 ng/mL 视为录入错误。", RuleEn = "Converted from the entered value and unit; outside 0 to 1,000,000 ng/mL is taken as a typing error.")]
    public decimal? AfpNgPerMl { get; set; }

    [CrfField("CT 检查原因", "Reason for CT", Requirement = FieldRequirement.ToComplete)]
    public CtIndication? ReasonForCt { get; set; }

    [CrfField("CT 检查原因（其他）", "Reason for CT (other)", MaxLength = 200, Requirement = FieldRequirement.Conditional,
        RuleZh = "CT 检查原因为“其他”时必填，否则留空。", RuleEn = "Required when the reason for CT is Other; empty otherwise.")]
    public string? ReasonForCtOther { get; set; }

    [CrfField("CT 设备厂商", "CT scanner manufacturer", MaxLength = 64, Requirement = FieldRequirement.ToComplete)]
    public string? ScannerManufacturer { get; set; }

    [CrfField("CT 设备型号", "CT scanner model", MaxLength = 64, Requirement = FieldRequirement.ToComplete)]
    public string? ScannerModel { get; set; }

    [CrfField("对比剂", "Contrast agent", MaxLength = 100, Requirement = FieldRequirement.ToComplete,
        RuleZh = "通用名和浓度，例如“碘海醇 350 mgI/mL”。", RuleEn = "Generic name and concentration, for example \"iohexol 350 mgI/mL\".")]
    public string? ContrastAgent { get; set; }

    [CrfField("对比剂剂量", "Contrast dose", Unit = "mL", Minimum = 10, Maximum = 250, Requirement = FieldRequirement.ToComplete)]
    public decimal? ContrastDoseMl { get; set; }

    [CrfField("平扫期", "Non-contrast phase acquired", Requirement = FieldRequirement.ToComplete)]
    public bool? NonContrastPhaseAcquired { get; set; }

    [CrfField("动脉期", "Arterial phase acquired", Requirement = FieldRequirement.ToComplete,
        RuleZh = "本研究要求动脉期。", RuleEn = "The study requires the arterial phase.")]
    public bool? ArterialPhaseAcquired { get; set; }

    [CrfField("动脉期延迟时间", "Arterial phase delay after injection", Unit = "s", Minimum = 10, Maximum = 90, Requirement = FieldRequirement.Conditional,
        RuleZh = "已采集动脉期时必填，否则留空；须短于门静脉期延迟时间。", RuleEn = "Required when the arterial phase was acquired, empty otherwise; shorter than the portal-venous delay.")]
    public int? ArterialPhaseDelaySeconds { get; set; }

    [CrfField("门静脉期", "Portal-venous phase acquired", Requirement = FieldRequirement.ToComplete,
        RuleZh = "本研究要求门静脉期。", RuleEn = "The study requires the portal-venous phase.")]
    public bool? PortalVenousPhaseAcquired { get; set; }

    [CrfField("门静脉期延迟时间", "Portal-venous phase delay after injection", Unit = "s", Minimum = 40, Maximum = 150, Requirement = FieldRequirement.Conditional,
        RuleZh = "已采集门静脉期时必填，否则留空；须短于延迟期延迟时间。", RuleEn = "Required when the portal-venous phase was acquired, empty otherwise; shorter than the delayed-phase delay.")]
    public int? PortalVenousPhaseDelaySeconds { get; set; }

    [CrfField("延迟期", "Delayed phase acquired", Requirement = FieldRequirement.ToComplete)]
    public bool? DelayedPhaseAcquired { get; set; }

    [CrfField("延迟期延迟时间", "Delayed phase delay after injection", Unit = "s", Minimum = 120, Maximum = 600, Requirement = FieldRequirement.Conditional,
        RuleZh = "已采集延迟期时必填，否则留空。", RuleEn = "Required when the delayed phase was acquired, empty otherwise.")]
    public int? DelayedPhaseDelaySeconds { get; set; }
}

public enum ViralStatus
{
    [CrfChoice("阳性", "Positive")]
    Positive,

    [CrfChoice("阴性", "Negative")]
    Negative,

    [CrfChoice("未检测或不详", "Not tested or unknown")]
    Unknown,
}

/// <summary>Units in which laboratories report AFP.</summary>
public enum AfpUnit
{
    [CrfChoice("ng/mL", "ng/mL")]
    NanogramsPerMillilitre,

    [CrfChoice("µg/L", "µg/L")]
    MicrogramsPerLitre,

    [CrfChoice("IU/mL", "IU/mL")]
    InternationalUnitsPerMillilitre,
}

/// <summary>Why the contrast-enhanced CT was done.</summary>
public enum CtIndication
{
    [CrfChoice("高危人群监测", "Surveillance of a high-risk patient")]
    Surveillance,

    [CrfChoice("超声发现病灶", "Lesion seen on ultrasound")]
    AbnormalUltrasound,

    [CrfChoice("AFP 升高", "Raised AFP")]
    RaisedAfp,

    [CrfChoice("已知病灶定性", "Characterisation of a known lesion")]
    LesionCharacterisation,

    [CrfChoice("肿瘤分期或随访", "Staging or follow-up of a known tumour")]
    Staging,

    [CrfChoice("其他", "Other")]
    Other,
}
