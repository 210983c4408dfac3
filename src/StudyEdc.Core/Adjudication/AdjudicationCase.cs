using StudyEdc.Core.Forms;
using StudyEdc.Core.ReferenceStandards;

namespace StudyEdc.Core.Adjudication;

/// <summary>
/// The three-radiologist consensus of one lesion: three independent blinded reads (<see cref="AdjudicationRead"/>),
/// then the consensus recorded once all three are in.
/// </summary>
[CrfForm(CrfForms.ConsensusKey, "三名放射科医师共识", "Three-radiologist consensus")]
public class AdjudicationCase : ICasebookRecord
{
    public const int ReadersPerCase = 3;

    public int Id { get; set; }

    public int SiteId { get; set; }

    public int ParticipantId { get; set; }

    public int LesionId { get; set; }

    public AdjudicationStatus Status { get; set; } = AdjudicationStatus.AwaitingReads;

    [CrfField("共识结论", "Consensus nature", Requirement = FieldRequirement.Always)]
    public LesionNature? ConsensusNature { get; set; }

    [CrfField("共识 LI-RADS 分类", "Consensus LI-RADS category", Requirement = FieldRequirement.Always)]
    public LiRadsCategory? ConsensusLiRads { get; set; }

    [CrfField("共识说明", "Consensus note", MaxLength = 2000)]
    public string? ConsensusNote { get; set; }

    public string? ConsensusByUserId { get; set; }

    public string? ConsensusByName { get; set; }

    public DateTime? ConsensusAtUtc { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

/// <summary>One radiologist's independent read of one lesion.</summary>
[CrfForm(CrfForms.ReaderReadKey, "放射科医师独立阅片", "Independent radiologist read")]
public class AdjudicationRead : ICasebookRecord
{
    public int Id { get; set; }

    public int CaseId { get; set; }

    public int SiteId { get; set; }

    public int ParticipantId { get; set; }

    public string ReaderUserId { get; set; } = "";

    public string ReaderName { get; set; } = "";

    /// <summary>When the reader first opened the read; the reading time runs from here.</summary>
    public DateTime? OpenedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    [CrfField("良恶性判断", "Benign or malignant", Requirement = FieldRequirement.Always)]
    public LesionNature? Nature { get; set; }

    [CrfField("LI-RADS 分类", "LI-RADS category", Requirement = FieldRequirement.Always,
        RuleZh = "LI-RADS CT/MRI v2018。", RuleEn = "LI-RADS CT/MRI v2018.")]
    public LiRadsCategory? LiRadsCategory { get; set; }

    [CrfField("诊断信心", "Confidence", Minimum = 1, Maximum = 5, Requirement = FieldRequirement.Always,
        RuleZh = "1 = 很低，5 = 很高。", RuleEn = "1 = very low, 5 = very high.")]
    public int? Confidence { get; set; }

    [CrfField("阅片时间", "Reading time", Unit = "s", Derived = true,
        RuleZh = "由服务器计算：从首次打开到提交。", RuleEn = "Measured by the server from first opening to submission.")]
    public int? ReadingTimeSeconds { get; set; }
}

public enum AdjudicationStatus
{
    [CrfChoice("等待独立阅片", "Awaiting reads")]
    AwaitingReads,

    [CrfChoice("等待共识", "Awaiting consensus")]
    AwaitingConsensus,

    [CrfChoice("已达成共识", "Concluded")]
    Concluded,
}

/// <summary>LI-RADS CT/MRI v2018 diagnostic categories.</summary>
public enum LiRadsCategory
{
    [CrfChoice("LR-1 肯定良性", "LR-1 definitely benign")]
    Lr1,

    [CrfChoice("LR-2 可能良性", "LR-2 probably benign")]
    Lr2,

    [CrfChoice("LR-3 中度可能 HCC", "LR-3 intermediate probability of HCC")]
    Lr3,

    [CrfChoice("LR-4 可能 HCC", "LR-4 probably HCC")]
    Lr4,

    [CrfChoice("LR-5 肯定 HCC", "LR-5 definitely HCC")]
    Lr5,

    [CrfChoice("LR-M 恶性但非 HCC 特异", "LR-M probably or definitely malignant, not HCC specific")]
    LrM,

    [CrfChoice("LR-TIV 静脉内瘤栓", "LR-TIV tumour in vein")]
    LrTiv,

    [CrfChoice("LR-NC 无法分类", "LR-NC not categorizable")]
    LrNc,
}
