using StudyEdc.Core.Forms;

namespace StudyEdc.Core.ReferenceStandards;

/// <summary>What the reference standard shows the lesion to be.</summary>
public enum LesionNature
{
    [CrfChoice("良性", "Benign")]
    Benign,

    [CrfChoice("恶性", "Malignant")]
    Malignant,
}

/// <summary>How the lesion's nature is proven, as the protocol allows.</summary>
public enum ReferenceStandardMethod
{
    [CrfChoice("病理", "Pathology")]
    Pathology,

    [CrfChoice("三名放射科医师共识", "Three-radiologist consensus")]
    Consensus,

    [CrfChoice("影像随访", "Imaging follow-up")]
    FollowUp,
}

public enum PathologyType
{
    [CrfChoice("肝细胞癌（HCC）", "Hepatocellular carcinoma (HCC)")]
    Hcc,

    [CrfChoice("肝内胆管癌（ICC）", "Intrahepatic cholangiocarcinoma (ICC)")]
    Icc,

    [CrfChoice("混合型肝细胞癌-胆管癌（cHCC-CCA）", "Combined hepatocellular-cholangiocarcinoma (cHCC-CCA)")]
    CombinedHccCca,

    [CrfChoice("转移瘤", "Metastasis")]
    Metastasis,

    [CrfChoice("其他", "Other")]
    Other,
}

public enum SpecimenMethod
{
    [CrfChoice("穿刺活检", "Biopsy")]
    Biopsy,

    [CrfChoice("手术切除", "Resection")]
    Resection,
}

/// <summary>Imaging modalities that can prove a benign lesion by follow-up.</summary>
public enum ImagingModality
{
    [CrfChoice("CT", "CT")]
    Ct,

    [CrfChoice("MRI", "MRI")]
    Mri,

    [CrfChoice("超声", "Ultrasound")]
    Ultrasound,

    [CrfChoice("超声造影（CEUS）", "Contrast-enhanced ultrasound (CEUS)")]
    ContrastEnhancedUltrasound,

    [CrfChoice("PET-CT", "PET-CT")]
    PetCt,
}

/// <summary>Course of a lesion over follow-up that the protocol accepts as benign.</summary>
public enum FollowUpOutcome
{
    [CrfChoice("稳定", "Stable")]
    Stable,

    [CrfChoice("缩小", "Shrinking")]
    Shrinking,

    [CrfChoice("消失", "Resolved")]
    Resolved,
}
