using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Auditing;

internal sealed partial class AuditTrail(StudyDbContext db, ILogger<AuditTrail> logger) : IAuditTrail
{
    public const int MaxPageSize = 1000;

    /// <summary>Entries read per round trip while verifying, so a long chain never sits in memory at once.</summary>
    private const int VerificationBatchSize = 2000;

    private static readonly AuditAction[] AccountActions =
    [
        AuditAction.SignOut, AuditAction.LockedOut, AuditAction.TwoFactorEnabled, AuditAction.TwoFactorDisabled,
        AuditAction.TwoFactorFailed, AuditAction.PasswordChanged,
    ];

    public Task RecordSignInAsync(string? userId, string userName, bool succeeded, CancellationToken cancellationToken = default) =>
        AppendEventAsync(userId, userName, succeeded ? AuditAction.SignIn : AuditAction.SignInFailed, AuditEntityTypes.Account, detail: null, siteId: null, cancellationToken);

    public Task RecordAccountEventAsync(string? userId, string userName, AuditAction action, string? detail = null, CancellationToken cancellationToken = default)
    {
        if (!AccountActions.Contains(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action,
                $"Account events are {string.Join(", ", AccountActions)}; record sign-ins with RecordSignInAsync.");
        }

        return AppendEventAsync(userId, userName, action, AuditEntityTypes.Account, detail, siteId: null, cancellationToken);
    }

    public Task RecordExportAsync(StudyCaller caller, string exportType, int? siteId, string? reason, CancellationToken cancellationToken = default) =>
        RecordExportAsync(caller, exportType, siteId, reason, detail: null, cancellationToken);

    public Task RecordExportAsync(StudyCaller caller, string exportType, int? siteId, string? reason, string? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentException.ThrowIfNullOrWhiteSpace(exportType);

        var entry = new AuditEntry
        {
            UserId = caller.UserId,
            UserName = caller.UserName,
            SiteId = siteId,
            EntityType = AuditEntityTypes.Export,
            EntityId = exportType,
            Action = AuditAction.Export,
            Reason = reason,
            NewValue = detail,
        };
        return AppendAsync(entry, cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListForParticipantAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var siteId = await db.Participants.Where(p => p.Id == participantId).Select(p => (int?)p.SiteId)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (siteId is null || !caller.CanAccessSite(siteId.Value))
        {
            return [];
        }

        var entityId = AuditValueFormatter.Format(participantId);
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == AuditEntityTypes.Participant && a.EntityId == entityId)
            .OrderBy(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(StudyCaller caller, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);

        var mayReadAll = caller.HasAllSites
            && (caller.IsInRole(StudyRoles.Administrator) || caller.IsInRole(StudyRoles.Monitor) || caller.IsInRole(StudyRoles.PrincipalInvestigator));
        if (!mayReadAll)
        {
            return [];
        }

        var entries = db.AuditEntries.AsNoTracking();
        if (query.SiteId is { } siteId)
        {
            entries = entries.Where(a => a.SiteId == siteId);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(a => a.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(a => a.EntityId == query.EntityId);
        }

        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            entries = entries.Where(a => a.UserName == query.UserName);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(a => a.Action == action);
        }

        if (query.FromUtc is { } fromUtc)
        {
            entries = entries.Where(a => a.TimestampUtc >= fromUtc);
        }

        if (query.ToUtc is { } toUtc)
        {
            entries = entries.Where(a => a.TimestampUtc < toUtc);
        }

        return await entries
            .OrderByDescending(a => a.Id)
            .Skip(Math.Max(0, query.Skip))
            .Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AuditVerificationResult> VerifyChainAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking()
            .SingleAsync(h => h.Id == AuditChainHead.SingletonId, cancellationToken).ConfigureAwait(false);

        var verifier = new AuditChainVerifier();
        long lastId = 0;
        while (true)
        {
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(a => a.Id > lastId)
                .OrderBy(a => a.Id)
                .Take(VerificationBatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in batch)
            {
                if (!verifier.Accept(entry))
                {
                    return Broken(verifier);
                }
            }

            if (batch.Count < VerificationBatchSize)
            {
                break;
            }

            lastId = batch[^1].Id;
        }

        if (!verifier.AcceptHead(head))
        {
            return Broken(verifier);
        }

        LogChainIntact(verifier.EntriesChecked);
        return new AuditVerificationResult(true, verifier.EntriesChecked, null, null);
    }

    private AuditVerificationResult Broken(AuditChainVerifier verifier)
    {
        LogChainBroken(verifier.FirstBrokenEntryId!.Value, verifier.EntriesChecked);
        return new AuditVerificationResult(false, verifier.EntriesChecked, verifier.FirstBrokenEntryId, verifier.Problem);
    }

    private Task AppendEventAsync(string? userId, string userName, AuditAction action, string entityType, string? detail, int? siteId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userName);

        var entry = new AuditEntry
        {
            UserId = userId,
            UserName = userName,
            SiteId = siteId,
            EntityType = entityType,
            EntityId = userId ?? "",
            Action = action,
            Reason = detail,
        };
        return AppendAsync(entry, cancellationToken);
    }

    private async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        db.AddAuditEntries(entry);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.Entry(entry).State = EntityState.Detached;
        LogEventRecorded(entry.Id, entry.Action);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Debug, Message = "Audit entry {EntryId} recorded: {Action}")]
    private partial void LogEventRecorded(long entryId, AuditAction action);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Information, Message = "Audit chain verified: {EntriesChecked} entries intact")]
    private partial void LogChainIntact(long entriesChecked);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "Audit chain broken at entry {EntryId} after checking {EntriesChecked} entries")]
    private partial void LogChainBroken(long entryId, long entriesChecked);
}
