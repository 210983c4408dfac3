using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Auditing;

/// <summary>
/// Reads the audit trail, records events that are not record changes (sign-ins, account events, exports) and
/// verifies the hash chain. Record changes are audited by <see cref="Data.StudyDbContext"/> itself.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Records a sign-in attempt. <paramref name="userId"/> is null when the user name is unknown.</summary>
    Task RecordSignInAsync(string? userId, string userName, bool succeeded, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an account event: <see cref="AuditAction.SignOut"/>, <see cref="AuditAction.LockedOut"/>,
    /// <see cref="AuditAction.TwoFactorEnabled"/>, <see cref="AuditAction.TwoFactorDisabled"/>,
    /// <see cref="AuditAction.TwoFactorFailed"/> or <see cref="AuditAction.PasswordChanged"/>.
    /// </summary>
    Task RecordAccountEventAsync(string? userId, string userName, AuditAction action, string? detail = null, CancellationToken cancellationToken = default);

    /// <summary>Records an export of study data: what was exported (for example "ParticipantsCsv") and for which site.</summary>
    Task RecordExportAsync(StudyCaller caller, string exportType, int? siteId, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records an export with its <paramref name="detail"/> (stored as the entry's new value): for example the
    /// format, the sites, whether it was de-identified and the row count of each file.
    /// </summary>
    Task RecordExportAsync(StudyCaller caller, string exportType, int? siteId, string? reason, string? detail, CancellationToken cancellationToken);

    /// <summary>
    /// Entries about one participant, oldest first. Empty when the participant does not exist or is outside
    /// the caller's site.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListForParticipantAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Entries matching <paramref name="query"/>, newest first. Only Administrators, Monitors and Principal
    /// Investigators may search the whole trail; other callers get an empty list.
    /// </summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(StudyCaller caller, AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Recomputes every hash in chain order and reports the first broken link.</summary>
    Task<AuditVerificationResult> VerifyChainAsync(CancellationToken cancellationToken = default);
}

/// <summary>Filters for <see cref="IAuditTrail.ListAsync"/>; null means no filter. <see cref="Take"/> is capped at 1000.</summary>
public sealed record AuditQuery(
    int? SiteId = null,
    string? EntityType = null,
    string? EntityId = null,
    string? UserName = null,
    AuditAction? Action = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Skip = 0,
    int Take = 100);

/// <summary>
/// Outcome of <see cref="IAuditTrail.VerifyChainAsync"/>. When the chain is broken, <see cref="FirstBrokenEntryId"/>
/// is the first entry that is altered or missing and <see cref="Problem"/> says what is wrong with it.
/// </summary>
public sealed record AuditVerificationResult(bool IsIntact, long EntriesChecked, long? FirstBrokenEntryId, string? Problem);
