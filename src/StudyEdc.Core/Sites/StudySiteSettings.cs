namespace StudyEdc.Core.Sites;

/// <summary>
/// One entry of the configuration section <c>Study:Sites</c>, used to seed the sites table on first start.
/// </summary>
public sealed class StudySiteSettings
{
    public const string SectionName = "Study:Sites";

    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    public int EnrolmentTarget { get; set; }

    public bool IsLeadSite { get; set; }
}
