using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Sites;

internal sealed partial class SiteService(StudyDbContext db, ILogger<SiteService> logger) : ISiteService
{
    public const int MaxNameLength = 200;

    /// <summary>Upper bound of a site's enrolment target, far above the study's 5000, to catch typing errors.</summary>
    public const int MaxEnrolmentTarget = 100_000;

    public async Task<IReadOnlyList<SiteSummary>> ListAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return await Summaries(db.Sites.OrderByDescending(s => s.IsLeadSite).ThenBy(s => s.Code))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SiteSummary?> GetAsync(StudyCaller caller, int siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return await Summaries(db.Sites.Where(s => s.Id == siteId)).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<SiteSummary>> UpdateAsync(StudyCaller caller, int siteId, SiteInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return ServiceResult<SiteSummary>.Fail(ServiceFailure.Forbidden,
                new ValidationError("", "AdministratorOnly", CoreMessages.Get("AdministratorOnly")));
        }

        var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return ServiceResult<SiteSummary>.Fail(ServiceFailure.NotFound);
        }

        if (site.Version != expectedVersion)
        {
            return Conflict(siteId);
        }

        var enrolled = await db.Participants.CountAsync(p => p.SiteId == siteId, cancellationToken).ConfigureAwait(false);
        var errors = Validate(input, enrolled);
        var reasonError = ChangeReason.Validate(reason, required: true, () => CoreMessages.Get("ReasonRequiredGeneric"));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            return ServiceResult<SiteSummary>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        site.NameZh = input.NameZh.Trim();
        site.NameEn = input.NameEn.Trim();
        site.TimeZoneId = input.TimeZoneId.Trim();
        site.EnrolmentTarget = input.EnrolmentTarget;
        db.Entry(site).Property(s => s.Version).OriginalValue = expectedVersion;
        site.Version = Guid.NewGuid();
        db.UseAuditContext(caller, reason);

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(siteId);
        }

        LogSiteUpdated(siteId);
        var summary = await Summaries(db.Sites.Where(s => s.Id == siteId)).SingleAsync(cancellationToken).ConfigureAwait(false);
        return ServiceResult<SiteSummary>.Success(summary);
    }

    private IQueryable<SiteSummary> Summaries(IQueryable<Site> sites) =>
        sites.AsNoTracking().Select(s => new SiteSummary(
            s.Id,
            s.Code,
            s.NameZh,
            s.NameEn,
            s.TimeZoneId,
            s.EnrolmentTarget,
            s.IsLeadSite,
            db.Participants.Count(p => p.SiteId == s.Id),
            db.Participants.Count(p => p.SiteId == s.Id && p.Eligibility == EligibilityStatus.Ineligible),
            s.Version));

    private static List<ValidationError> Validate(SiteInput input, int enrolled)
    {
        var errors = new List<ValidationError>();
        ValidateName(errors, input.NameZh, nameof(SiteInput.NameZh));
        ValidateName(errors, input.NameEn, nameof(SiteInput.NameEn));

        if (!SiteTime.IsKnownTimeZone(input.TimeZoneId?.Trim() ?? ""))
        {
            errors.Add(new(nameof(SiteInput.TimeZoneId), "TimeZoneUnknown", CoreMessages.Format("TimeZoneUnknown", input.TimeZoneId)));
        }

        var minimumTarget = Math.Max(1, enrolled);
        if (input.EnrolmentTarget < minimumTarget || input.EnrolmentTarget > MaxEnrolmentTarget)
        {
            errors.Add(new(nameof(SiteInput.EnrolmentTarget), "EnrolmentTargetInvalid",
                CoreMessages.Format("EnrolmentTargetInvalid", input.EnrolmentTarget, minimumTarget, MaxEnrolmentTarget)));
        }

        return errors;
    }

    private static void ValidateName(List<ValidationError> errors, string? name, string field)
    {
        var label = CoreMessages.FieldLabel(field);
        var length = name?.Trim().Length ?? 0;
        if (length == 0)
        {
            errors.Add(new(field, "SiteNameRequired", CoreMessages.Format("SiteNameRequired", label)));
        }
        else if (length > MaxNameLength)
        {
            errors.Add(new(field, "SiteNameTooLong", CoreMessages.Format("SiteNameTooLong", label, length, MaxNameLength)));
        }
    }

    private ServiceResult<SiteSummary> Conflict(int siteId)
    {
        LogConflict(siteId);
        return ServiceResult<SiteSummary>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", CoreMessages.Get("Conflict")));
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Site {SiteId} updated")]
    private partial void LogSiteUpdated(int siteId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Site {SiteId} was saved by someone else first; the update was rejected as a conflict")]
    private partial void LogConflict(int siteId);
}
