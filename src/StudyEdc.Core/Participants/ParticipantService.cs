using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Sites;

namespace StudyEdc.Core.Participants;

internal sealed partial class ParticipantService(StudyDbContext db, TimeProvider timeProvider, ILogger<ParticipantService> logger)
    : IParticipantService
{
    /// <summary>Attempts at taking the next Study ID when concurrent enrolments at one site collide.</summary>
    internal const int MaxEnrolmentAttempts = 5;

    public async Task<IReadOnlyList<ParticipantSummary>> ListAsync(StudyCaller caller, ParticipantQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);

        var participants = ScopedParticipants(caller);
        if (query.SiteId is { } siteId)
        {
            participants = participants.Where(p => p.SiteId == siteId);
        }

        if (!string.IsNullOrWhiteSpace(query.StudyIdContains))
        {
            var fragment = query.StudyIdContains.Trim().ToUpperInvariant();
            participants = participants.Where(p => p.StudyId.Contains(fragment));
        }

        if (query.Status is { } status)
        {
            participants = participants.Where(p => p.Status == status);
        }

        return await (
                from participant in participants
                join site in db.Sites on participant.SiteId equals site.Id
                orderby participant.StudyId
                select new ParticipantSummary(
                    participant.Id,
                    participant.SiteId,
                    site.Code,
                    participant.StudyId,
                    participant.Age,
                    participant.Sex,
                    participant.CtExamDate,
                    participant.Status,
                    participant.Eligibility,
                    participant.UpdatedAtUtc))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ParticipantDetail?> GetAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await ScopedParticipants(caller).AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        return participant is null ? null : await ToDetailAsync(participant, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<ParticipantDetail>> CreateAsync(StudyCaller caller, int siteId, ParticipantInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        if (!caller.CanAccessSite(siteId))
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.NotFound);
        }

        if (!FormStatusRules.CanEnterData(caller))
        {
            return Forbidden();
        }

        for (var attempt = 1; attempt <= MaxEnrolmentAttempts; attempt++)
        {
            var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // Every audited write takes the audit chain lock first, so once this transaction holds it the
                // site row read below cannot change until commit. The site's concurrency token still guards
                // the number, and a collision (which the lock should prevent) retries with a fresh read.
                await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
                var site = await db.Sites.SingleOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false);
                if (site is null)
                {
                    return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.NotFound);
                }

                var errors = ParticipantValidator.ValidateFields(input, SiteTime.TodayAt(timeProvider, site.TimeZoneId));
                errors.AddRange(ParticipantValidator.ValidateForEnrolment(input));
                if (errors.Count > 0)
                {
                    return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Invalid, [.. errors]);
                }

                var number = site.NextParticipantNumber;
                site.NextParticipantNumber = number + 1;
                site.Version = Guid.NewGuid();

                var now = timeProvider.GetUtcNow().UtcDateTime;
                var participant = new Participant
                {
                    SiteId = site.Id,
                    StudyId = string.Create(CultureInfo.InvariantCulture, $"{site.Code}-{number:0000}"),
                    CreatedAtUtc = now,
                    UpdatedAtUtc = now,
                };
                Apply(participant, input);
                db.Participants.Add(participant);
                db.UseAuditContext(caller, reason: null);
                try
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (DbUpdateConcurrencyException)
                {
                    db.ChangeTracker.Clear();
                    LogStudyIdCollision(siteId, attempt);
                    continue;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

                LogEnrolled(participant.Id, siteId);
                return ServiceResult<ParticipantDetail>.Success(await ToDetailAsync(participant, cancellationToken).ConfigureAwait(false));
            }
        }

        LogStudyIdGaveUp(siteId, MaxEnrolmentAttempts);
        return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", CoreMessages.Get("Conflict")));
    }

    public async Task<ServiceResult<ParticipantDetail>> UpdateAsync(StudyCaller caller, int participantId, ParticipantInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var participant = await ScopedParticipants(caller)
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.NotFound);
        }

        if (!FormStatusRules.CanEnterData(caller))
        {
            return Forbidden();
        }

        if (participant.Status == FormStatus.Locked)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Locked,
                new ValidationError("", "FormLocked", CoreMessages.Format("FormLocked", participant.StudyId)));
        }

        if (participant.Version != expectedVersion)
        {
            return Conflict(participantId);
        }

        // Validate: fields, the enrolment fields of a draft (so they cannot be cleared) or completeness once the
        // form is past draft, and the reason for changing it.
        var timeZoneId = await db.Sites.Where(s => s.Id == participant.SiteId).Select(s => s.TimeZoneId)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var errors = ParticipantValidator.ValidateFields(input, SiteTime.TodayAt(timeProvider, timeZoneId));
        errors.AddRange(participant.Status == FormStatus.Draft
            ? ParticipantValidator.ValidateForEnrolment(input)
            : ParticipantValidator.ValidateComplete(input));

        var reasonError = ChangeReason.Validate(reason, required: participant.Status != FormStatus.Draft,
            () => CoreMessages.Format("ReasonRequired", CoreMessages.StatusName(participant.Status)));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        if (ToInput(participant) == input)
        {
            return ServiceResult<ParticipantDetail>.Success(await ToDetailAsync(participant, cancellationToken).ConfigureAwait(false));
        }

        // Save: a change to verified data withdraws the verification, so the Monitor checks it again.
        Apply(participant, input);
        if (participant.Status == FormStatus.Verified)
        {
            participant.Status = FormStatus.Complete;
        }

        var result = await SaveAsync(caller, participant, expectedVersion, reason, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            LogUpdated(participantId);
        }

        return result;
    }

    public async Task<ServiceResult<ParticipantDetail>> ChangeStatusAsync(StudyCaller caller, int participantId, FormStatus target, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await ScopedParticipants(caller)
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.NotFound);
        }

        var from = participant.Status;
        if (from == target)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Invalid,
                new ValidationError("Status", "StatusUnchanged", CoreMessages.Format("StatusUnchanged", CoreMessages.StatusName(from))));
        }

        var transition = FormStatusRules.Find(from, target);
        if (transition is null)
        {
            var next = FormStatusRules.NextStatuses(from).Select(CoreMessages.StatusName).ToList();
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Invalid, new ValidationError("Status", "StatusTransitionInvalid",
                CoreMessages.Format("StatusTransitionInvalid", CoreMessages.StatusName(from), CoreMessages.StatusName(target),
                    next.Count > 0 ? string.Join(", ", next) : CoreMessages.Get("NoTransitions"))));
        }

        if (!transition.Roles.Any(caller.IsInRole))
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Forbidden, new ValidationError("Status", "StatusTransitionForbidden",
                CoreMessages.Format("StatusTransitionForbidden", CoreMessages.StatusName(from), CoreMessages.StatusName(target),
                    string.Join(", ", transition.Roles.Select(CoreMessages.RoleName)))));
        }

        if (participant.Version != expectedVersion)
        {
            return Conflict(participantId);
        }

        var errors = target == FormStatus.Complete ? ParticipantValidator.ValidateComplete(ToInput(participant)) : [];
        var reasonError = ChangeReason.Validate(reason, transition.ReasonRequired,
            () => CoreMessages.Format("ReasonRequiredForStatus", CoreMessages.StatusName(from), CoreMessages.StatusName(target)));
        if (reasonError is not null)
        {
            errors.Add(reasonError);
        }

        if (errors.Count > 0)
        {
            return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        participant.Status = target;
        var result = await SaveAsync(caller, participant, expectedVersion, reason, cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            LogStatusChanged(participantId, from, target);
        }

        return result;
    }

    /// <summary>
    /// Participants whose casebook the caller may read: radiologists (blinded to the reference standard) and DSMC
    /// members (de-identified exports only) get none.
    /// </summary>
    private IQueryable<Participant> ScopedParticipants(StudyCaller caller) => CasebookAccess.ScopedParticipants(db, caller);

    private async Task<ServiceResult<ParticipantDetail>> SaveAsync(StudyCaller caller, Participant participant, Guid expectedVersion, string? reason, CancellationToken cancellationToken)
    {
        // The stored version must still be the one the editor loaded; the UPDATE's WHERE clause checks it.
        db.Entry(participant).Property(p => p.Version).OriginalValue = expectedVersion;
        participant.Version = Guid.NewGuid();
        participant.UpdatedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        db.UseAuditContext(caller, reason);

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(participant.Id);
        }

        return ServiceResult<ParticipantDetail>.Success(await ToDetailAsync(participant, cancellationToken).ConfigureAwait(false));
    }

    private ServiceResult<ParticipantDetail> Conflict(int participantId)
    {
        LogConflict(participantId);
        return ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Conflict, new ValidationError("", "Conflict", CoreMessages.Get("Conflict")));
    }

    private static ServiceResult<ParticipantDetail> Forbidden() =>
        ServiceResult<ParticipantDetail>.Fail(ServiceFailure.Forbidden,
            new ValidationError("", "RoleCannotEnterData", CoreMessages.Get("RoleCannotEnterData")));

    private static void Apply(Participant participant, ParticipantInput input)
    {
        participant.Age = input.Age;
        participant.Sex = input.Sex;
        participant.CtExamDate = input.CtExamDate;
        participant.NoPriorLiverTreatment = input.NoPriorLiverTreatment;
        participant.ReferenceStandardConfirmed = input.ReferenceStandardConfirmed;
        participant.PoorImageQuality = input.PoorImageQuality;
        participant.PreviousSurgery = input.PreviousSurgery;
        participant.DetectionBoxMismatch = input.DetectionBoxMismatch;
        participant.ArterialOrPortalPhaseMissing = input.ArterialOrPortalPhaseMissing;

        var (eligibility, reasons) = EligibilityRules.Evaluate(input);
        participant.Eligibility = eligibility;
        participant.IneligibilityReasons = string.Join(',', reasons);
    }

    internal static ParticipantInput ToInput(Participant participant) => new()
    {
        Age = participant.Age,
        Sex = participant.Sex,
        CtExamDate = participant.CtExamDate,
        NoPriorLiverTreatment = participant.NoPriorLiverTreatment,
        ReferenceStandardConfirmed = participant.ReferenceStandardConfirmed,
        PoorImageQuality = participant.PoorImageQuality,
        PreviousSurgery = participant.PreviousSurgery,
        DetectionBoxMismatch = participant.DetectionBoxMismatch,
        ArterialOrPortalPhaseMissing = participant.ArterialOrPortalPhaseMissing,
    };

    private async Task<ParticipantDetail> ToDetailAsync(Participant participant, CancellationToken cancellationToken)
    {
        var siteCode = await db.Sites.Where(s => s.Id == participant.SiteId).Select(s => s.Code)
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var reasons = participant.IneligibilityReasons.Length == 0 ? [] : participant.IneligibilityReasons.Split(',');
        return new ParticipantDetail(
            participant.Id,
            participant.SiteId,
            siteCode,
            participant.StudyId,
            ToInput(participant),
            participant.Status,
            participant.Eligibility,
            reasons,
            participant.CreatedAtUtc,
            participant.UpdatedAtUtc,
            participant.Version);
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Participant {ParticipantId} enrolled at site {SiteId}")]
    private partial void LogEnrolled(int participantId, int siteId);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Participant {ParticipantId} updated")]
    private partial void LogUpdated(int participantId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Participant {ParticipantId} moved from {From} to {To}")]
    private partial void LogStatusChanged(int participantId, FormStatus from, FormStatus to);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Participant {ParticipantId} was saved by someone else first; the save was rejected as a conflict")]
    private partial void LogConflict(int participantId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Concurrent enrolment at site {SiteId} took the same Study ID; retrying (attempt {Attempt})")]
    private partial void LogStudyIdCollision(int siteId, int attempt);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Enrolment at site {SiteId} gave up after {Attempts} Study ID collisions")]
    private partial void LogStudyIdGaveUp(int siteId, int attempts);
}
