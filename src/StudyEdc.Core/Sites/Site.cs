namespace StudyEdc.Core.Sites;

/// <summary>A participating hospital.</summary>
public class Site
{
    public int Id { get; set; }

    /// <summary>Short code used as the Study ID prefix, for example "WCH" in "WCH-0001".</summary>
    public string Code { get; set; } = "";

    public string NameZh { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>IANA time zone used to show audit times, "Asia/Shanghai" for every current site.</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";

    public int EnrolmentTarget { get; set; }

    /// <summary>The number the next Study ID of this site takes. It only grows, so IDs are never reused.</summary>
    public int NextParticipantNumber { get; set; } = 1;

    public bool IsLeadSite { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}
