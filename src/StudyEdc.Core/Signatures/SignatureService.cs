using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Data;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Signatures;

internal sealed partial class SignatureService(
    StudyDbContext db,
    UserManager<StudyUser> userManager,
    TimeProvider timeProvider,
    ILogger<SignatureService> logger) : ISignatureService
{
    /// <summary>Code of the one meaning the study uses: the investigator reviewed and approves the casebook.</summary>
    public const string ReviewedAndApproved = "ReviewedAndApproved";

    private static readonly AuditAction[] DataChanges = [AuditAction.Create, AuditAction.Update, AuditAction.Delete];

    public async Task<string?> GetMeaningAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await CasebookAccess.ScopedParticipants(db, caller).AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return null;
        }

        var displayName = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return MeaningText(string.IsNullOrWhiteSpace(displayName) ? caller.UserName : displayName, participant.StudyId);
    }

    public async Task<ServiceResult<SignatureView>> SignAsync(StudyCaller caller, int participantId, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var participant = await CasebookAccess.FindParticipantAsync(db, caller, participantId, cancellationToken).ConfigureAwait(false);
        if (participant is null)
        {
            return ServiceResult<SignatureView>.Fail(ServiceFailure.NotFound);
        }

        if (!caller.IsInRole(StudyRoles.PrincipalInvestigator))
        {
            return await RejectAsync(caller, participant, ServiceResult<SignatureView>.Fail(
                ServiceFailure.Forbidden, new ValidationError("", "SignatureRoleOnly", CrfMessages.Get("SignatureRoleOnly"))), cancellationToken).ConfigureAwait(false);
        }

        // Re-authenticate: the password of the signed-in user, counted towards lockout when wrong.
        var user = await userManager.FindByIdAsync(caller.UserId).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            return await RejectAsync(caller, participant, ServiceResult<SignatureView>.Fail(
                ServiceFailure.Forbidden, new ValidationError("", "SignatureRoleOnly", CrfMessages.Get("SignatureRoleOnly"))), cancellationToken).ConfigureAwait(false);
        }

        if (await userManager.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return await RejectAsync(caller, participant, Invalid("Password", "SignerLockedOut", CrfMessages.Get("SignerLockedOut")), cancellationToken).ConfigureAwait(false);
        }

        if (string.IsNullOrEmpty(password) || !await userManager.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            await userManager.AccessFailedAsync(user).ConfigureAwait(false);
            LogPasswordRejected(participantId);
            return await RejectAsync(caller, participant, Invalid("Password", "SignaturePasswordWrong", CrfMessages.Get("SignaturePasswordWrong")), cancellationToken).ConfigureAwait(false);
        }

        await userManager.ResetAccessFailedCountAsync(user).ConfigureAwait(false);

        // The casebook must be ready and not signed already.
        var errors = await CheckReadyAsync(participant, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return await RejectAsync(caller, participant, ServiceResult<SignatureView>.Fail(ServiceFailure.Invalid, [.. errors]), cancellationToken).ConfigureAwait(false);
        }

        var signatures = await ListAsync(caller, participantId, cancellationToken).ConfigureAwait(false);
        if (signatures.Any(s => s.IsValid))
        {
            return await RejectAsync(caller, participant, Invalid("", "AlreadySigned", CrfMessages.Get("AlreadySigned")), cancellationToken).ConfigureAwait(false);
        }

        // Sign under the audit chain's lock, so the covered entry id is exact.
        var signature = new CasebookSignature
        {
            SiteId = participant.SiteId,
            ParticipantId = participant.Id,
            SignerUserId = user.Id,
            SignerUserName = user.UserName ?? caller.UserName,
            SignerDisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? caller.UserName : user.DisplayName,
            MeaningCode = ReviewedAndApproved,
            SignedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
        };
        signature.Meaning = MeaningText(signature.SignerDisplayName, participant.StudyId);

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var head = await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
            signature.CoversAuditEntryId = head.LastEntryId;
            db.Add(signature);
            await CasebookAudit.SaveAsync(db, caller, CrfMessages.Get("SignatureAuditReason"), cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogSigned(signature.Id, participantId);
        return ServiceResult<SignatureView>.Success((await ListAsync(caller, participantId, cancellationToken).ConfigureAwait(false)).Single(s => s.Id == signature.Id));
    }

    public async Task<IReadOnlyList<SignatureView>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var signatures = await CasebookAccess.Scoped(db.Set<CasebookSignature>(), caller).AsNoTracking()
            .Where(s => s.ParticipantId == participantId).OrderBy(s => s.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (signatures.Count == 0)
        {
            return [];
        }

        // The first data change of the casebook after each signature voids it.
        var changes = await DataChangesAsync(participantId, cancellationToken).ConfigureAwait(false);
        var views = new List<SignatureView>(signatures.Count);
        foreach (var signature in signatures)
        {
            var voiding = await changes.Where(a => a.Id > signature.CoversAuditEntryId).OrderBy(a => a.Id)
                .Select(a => new SignatureVoidingChange(a.Id, a.EntityType, a.EntityId, a.Field, a.UserName, a.TimestampUtc))
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            views.Add(new SignatureView(signature.Id, signature.SignerUserName, signature.SignerDisplayName, signature.MeaningCode,
                signature.Meaning, signature.SignedAtUtc, voiding is null, voiding));
        }

        return views;
    }

    /// <summary>
    /// Audits a rejected signing attempt on the participant (action <see cref="AuditAction.SignatureFailed"/>, the
    /// rejection codes as the new value) and returns <paramref name="rejection"/>. The password is never recorded.
    /// </summary>
    private async Task<ServiceResult<SignatureView>> RejectAsync(StudyCaller caller, Participant participant, ServiceResult<SignatureView> rejection, CancellationToken cancellationToken)
    {
        var codes = string.Join(",", rejection.Errors.Select(e => e.Code));
        db.AddAuditEntries(new AuditEntry
        {
            UserId = caller.UserId,
            UserName = caller.UserName,
            SiteId = participant.SiteId,
            EntityType = AuditEntityTypes.Participant,
            EntityId = participant.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            NewValue = codes,
            Action = AuditAction.SignatureFailed,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogSignatureRejected(participant.Id, codes);
        return rejection;
    }

    private static string MeaningText(string signerName, string studyId) => CrfMessages.Format("SignatureMeaning", signerName, studyId);

    private async Task<List<ValidationError>> CheckReadyAsync(Participant participant, CancellationToken cancellationToken)
    {
        var id = participant.Id;
        var notComplete = new List<string>();
        if (participant.Status == FormStatus.Draft)
        {
            notComplete.Add(CrfForms.Participant.Label(System.Globalization.CultureInfo.CurrentUICulture));
        }

        var clinical = await db.Set<ClinicalCrf>().Where(c => c.ParticipantId == id).Select(c => (FormStatus?)c.Status).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (clinical is null or FormStatus.Draft)
        {
            notComplete.Add(CrfForms.Clinical.Label(System.Globalization.CultureInfo.CurrentUICulture));
        }

        var draftLesions = await db.Set<Lesion>().Where(l => l.ParticipantId == id && l.Status == FormStatus.Draft).Select(l => l.LesionNumber).OrderBy(n => n).ToListAsync(cancellationToken).ConfigureAwait(false);
        notComplete.AddRange(draftLesions.Select(n => string.Create(System.Globalization.CultureInfo.CurrentCulture, $"{CrfForms.Lesion.Label(System.Globalization.CultureInfo.CurrentUICulture)} {n}")));

        var errors = new List<ValidationError>();
        if (notComplete.Count > 0)
        {
            errors.Add(new ValidationError("", "SignatureFormsIncomplete", CrfMessages.Format("SignatureFormsIncomplete", string.Join(", ", notComplete))));
        }

        var openQueries = await db.Set<DataQuery>().CountAsync(q => q.ParticipantId == id && q.Status != QueryStatus.Closed, cancellationToken).ConfigureAwait(false);
        if (openQueries > 0)
        {
            errors.Add(new ValidationError("", "SignatureOpenQueries", CrfMessages.Format("SignatureOpenQueries", openQueries)));
        }

        return errors;
    }

    /// <summary>Audit entries that change the data of the participant's data forms; status changes (SDV, locking) do not count.</summary>
    private async Task<IQueryable<AuditEntry>> DataChangesAsync(int participantId, CancellationToken cancellationToken)
    {
        var ids = await CasebookAuditService.RecordIdsAsync(db, participantId, cancellationToken).ConfigureAwait(false);
        var dataForms = ids.Where(pair => CasebookAuditEntityTypes.DataForms.Contains(pair.Key)).ToDictionary(StringComparer.Ordinal);
        return CasebookAuditService.EntriesOf(db, dataForms).Where(a => DataChanges.Contains(a.Action));
    }

    private static ServiceResult<SignatureView> Invalid(string field, string code, string message) =>
        ServiceResult<SignatureView>.Fail(ServiceFailure.Invalid, new ValidationError(field, code, message));

    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Casebook of participant {ParticipantId} signed (signature {SignatureId})")]
    private partial void LogSigned(int signatureId, int participantId);

    [LoggerMessage(EventId = 2702, Level = LogLevel.Warning, Message = "Signature of the casebook of participant {ParticipantId} rejected: wrong password")]
    private partial void LogPasswordRejected(int participantId);

    [LoggerMessage(EventId = 2703, Level = LogLevel.Information, Message = "Signature of the casebook of participant {ParticipantId} rejected and audited: {Codes}")]
    private partial void LogSignatureRejected(int participantId, string codes);
}
