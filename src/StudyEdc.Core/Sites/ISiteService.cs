using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Sites;

/// <summary>The participating hospitals. Any signed-in caller may list them; only Administrators edit them.</summary>
public interface ISiteService
{
    /// <summary>All sites ordered by code, with enrolment counts (lead site first).</summary>
    Task<IReadOnlyList<SiteSummary>> ListAsync(StudyCaller caller, CancellationToken cancellationToken = default);

    /// <summary>Returns null when no site has this id.</summary>
    Task<SiteSummary?> GetAsync(StudyCaller caller, int siteId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a site's names, time zone and enrolment target (Administrator only; audited, reason required).
    /// The code is fixed, because it is the prefix of every Study ID already issued.
    /// </summary>
    Task<ServiceResult<SiteSummary>> UpdateAsync(StudyCaller caller, int siteId, SiteInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);
}

/// <summary>The editable fields of a site.</summary>
public sealed record SiteInput(string NameZh, string NameEn, string TimeZoneId, int EnrolmentTarget);

/// <summary>A site and its enrolment so far: participants enrolled, and how many of them are ineligible.</summary>
public sealed record SiteSummary(
    int Id,
    string Code,
    string NameZh,
    string NameEn,
    string TimeZoneId,
    int EnrolmentTarget,
    bool IsLeadSite,
    int EnrolledCount,
    int IneligibleCount,
    Guid Version);
