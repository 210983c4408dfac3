using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Reports.Model;

namespace StudyEdc.Core.Analysis;

internal sealed partial class AnalysisService(
    StudyDbContext db,
    AnalysisDatasetBuilder datasets,
    UserManager<StudyUser> userManager,
    TimeProvider timeProvider,
    ILogger<AnalysisService> logger) : IAnalysisService
{
    private static readonly string[] PlanViewers = [StudyRoles.PrincipalInvestigator, StudyRoles.DsmcMember, StudyRoles.Administrator];
    private static readonly string[] SnapshotCreators = [StudyRoles.PrincipalInvestigator, StudyRoles.Administrator];

    public async Task<ServiceResult<AnalysisPlanView>> GetPlanAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!PlanViewers.Any(caller.IsInRole))
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Forbidden, "", "PlanViewRoleOnly");
        }

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        return ServiceResult<AnalysisPlanView>.Success(ToView(plan));
    }

    public async Task<ServiceResult<AnalysisPlanView>> UpdatePlanAsync(StudyCaller caller, AnalysisPlanInput input, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.IsInRole(StudyRoles.PrincipalInvestigator))
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Forbidden, "", "PlanRoleOnly");
        }

        var errors = Validate(input);
        if (errors.Count > 0)
        {
            return ServiceResult<AnalysisPlanView>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Status == AnalysisPlanStatus.Locked)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Locked, "", "PlanLocked");
        }

        if (plan.Version != expectedVersion)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        var before = Describe(plan);
        plan.DecisionThreshold = input.DecisionThreshold;
        plan.ModelName = input.ModelName.Trim();
        plan.ModelVersion = input.ModelVersion.Trim();
        plan.ModelSha256 = input.ModelSha256.Trim().ToLowerInvariant();
        plan.PrimaryPopulation = input.PrimaryPopulation;
        plan.PrimaryLevel = input.PrimaryLevel;
        var changes = PlanAuditEntries(caller, before, Describe(plan), AuditAction.Update, null);
        if (!await SavePlanAsync(plan, changes, cancellationToken).ConfigureAwait(false))
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        LogPlanChanged(changes.Count);
        return ServiceResult<AnalysisPlanView>.Success(ToView(plan));
    }

    public async Task<string> GetLockMeaningAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        var displayName = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.DisplayName)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return LockMeaning(string.IsNullOrWhiteSpace(displayName) ? caller.UserName : displayName, plan);
    }

    public async Task<ServiceResult<AnalysisPlanView>> LockAsync(StudyCaller caller, string password, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var (user, failure) = await ReauthenticateAsync(caller, password, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Status == AnalysisPlanStatus.Locked)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Locked, "", "PlanLocked");
        }

        if (plan.Version != expectedVersion)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        var errors = Validate(ToView(plan).Values);
        if (errors.Count > 0)
        {
            return ServiceResult<AnalysisPlanView>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        var signerName = string.IsNullOrWhiteSpace(user!.DisplayName) ? user.UserName ?? caller.UserName : user.DisplayName;
        plan.Status = AnalysisPlanStatus.Locked;
        plan.LockedByUserId = user.Id;
        plan.LockedByUserName = user.UserName ?? caller.UserName;
        plan.LockedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        plan.LockMeaning = LockMeaning(signerName, plan);
        var entry = Entry(caller, AnalysisAuditEntityTypes.Plan, nameof(AnalysisPlan.Status), nameof(AnalysisPlanStatus.Draft), nameof(AnalysisPlanStatus.Locked),
            AuditAction.StatusChange, AnalysisMessages.Get("LockAuditReason") + ": " + plan.LockMeaning);
        if (!await SavePlanAsync(plan, [entry], cancellationToken).ConfigureAwait(false))
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        LogPlanLocked(plan.DecisionThreshold);
        return ServiceResult<AnalysisPlanView>.Success(ToView(plan));
    }

    public async Task<ServiceResult<AnalysisPlanView>> UnlockAsync(StudyCaller caller, string password, string reason, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var reasonError = ChangeReason.Validate(reason, required: true, () => AnalysisMessages.Get("UnlockReasonRequired"));
        if (caller.IsInRole(StudyRoles.PrincipalInvestigator) && reasonError is not null)
        {
            return ServiceResult<AnalysisPlanView>.Fail(ServiceFailure.Invalid, reasonError);
        }

        var (_, failure) = await ReauthenticateAsync(caller, password, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Status != AnalysisPlanStatus.Locked)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Invalid, "", "PlanAlreadyDraft");
        }

        if (plan.Version != expectedVersion)
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        plan.Status = AnalysisPlanStatus.Draft;
        plan.LockedByUserId = null;
        plan.LockedByUserName = null;
        plan.LockedAtUtc = null;
        plan.LockMeaning = null;
        var entry = Entry(caller, AnalysisAuditEntityTypes.Plan, nameof(AnalysisPlan.Status), nameof(AnalysisPlanStatus.Locked), nameof(AnalysisPlanStatus.Draft),
            AuditAction.StatusChange, reason.Trim());
        if (!await SavePlanAsync(plan, [entry], cancellationToken).ConfigureAwait(false))
        {
            return Fail<AnalysisPlanView>(ServiceFailure.Conflict, "", "Conflict");
        }

        LogPlanUnlocked();
        return ServiceResult<AnalysisPlanView>.Success(ToView(plan));
    }

    public async Task<ServiceResult<AnalysisSnapshotView>> CreateSnapshotAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!SnapshotCreators.Any(caller.IsInRole))
        {
            return Fail<AnalysisSnapshotView>(ServiceFailure.Forbidden, "", "SnapshotRoleOnly");
        }

        var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
        if (plan.Status != AnalysisPlanStatus.Locked)
        {
            return Fail<AnalysisSnapshotView>(ServiceFailure.Invalid, "", "PlanNotLocked");
        }

        var dataset = await datasets.BuildAsync(PlanValues(plan), cancellationToken).ConfigureAwait(false);
        var content = AnalysisDatasetJson.Serialize(dataset);
        var snapshot = new AnalysisSnapshot
        {
            CreatedAtUtc = timeProvider.GetUtcNow().UtcDateTime,
            CreatedByUserId = caller.UserId,
            CreatedByUserName = caller.UserName,
            ParticipantCount = dataset.Participants.Count,
            LesionRowCount = dataset.Lesions.Count,
            Sha256 = AnalysisDatasetJson.Sha256(content),
            Content = content,
        };

        // Number under the audit chain's lock, which every audited save takes, so two snapshots never share a number.
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.LockAuditChainAsync(cancellationToken).ConfigureAwait(false);
            snapshot.Number = (await db.Set<AnalysisSnapshot>().MaxAsync(s => (int?)s.Number, cancellationToken).ConfigureAwait(false) ?? 0) + 1;
            db.Add(snapshot);
            db.AddAuditEntries(Entry(caller, AnalysisAuditEntityTypes.Snapshot, nameof(AnalysisSnapshot.Sha256), null, snapshot.Sha256,
                AuditAction.Create, AnalysisMessages.Get("SnapshotAuditReason"), snapshot.Number.ToString(CultureInfo.InvariantCulture)));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        db.Entry(snapshot).State = EntityState.Detached;
        LogSnapshotCreated(snapshot.Number, snapshot.ParticipantCount, snapshot.LesionRowCount);
        return ServiceResult<AnalysisSnapshotView>.Success(ToView(snapshot));
    }

    public async Task<IReadOnlyList<AnalysisSnapshotView>> ListSnapshotsAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!PlanViewers.Any(caller.IsInRole))
        {
            return [];
        }

        return await db.Set<AnalysisSnapshot>().AsNoTracking().OrderByDescending(s => s.Number)
            .Select(s => new AnalysisSnapshotView(s.Number, s.CreatedAtUtc, s.CreatedByUserName, s.ParticipantCount, s.LesionRowCount, s.Sha256))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ServiceResult<AnalysisDataset>> GetSnapshotDatasetAsync(StudyCaller caller, int number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!PlanViewers.Any(caller.IsInRole))
        {
            return Fail<AnalysisDataset>(ServiceFailure.Forbidden, "", "PlanViewRoleOnly");
        }

        var snapshot = await db.Set<AnalysisSnapshot>().AsNoTracking().SingleOrDefaultAsync(s => s.Number == number, cancellationToken).ConfigureAwait(false);
        if (snapshot is null)
        {
            return ServiceResult<AnalysisDataset>.Fail(ServiceFailure.NotFound,
                new ValidationError("Snapshot", "SnapshotNotFound", AnalysisMessages.Format("SnapshotNotFound", number)));
        }

        if (!string.Equals(AnalysisDatasetJson.Sha256(snapshot.Content), snapshot.Sha256, StringComparison.Ordinal))
        {
            LogSnapshotCorrupt(number);
            return ServiceResult<AnalysisDataset>.Fail(ServiceFailure.Invalid,
                new ValidationError("Snapshot", "SnapshotCorrupt", AnalysisMessages.Format("SnapshotCorrupt", number)));
        }

        return ServiceResult<AnalysisDataset>.Success(AnalysisDatasetJson.Deserialize(snapshot.Content));
    }

    public async Task<AnalysisSettingsView> GetSettingsAsync(CancellationToken cancellationToken = default)
    {
        var settings = await db.Set<AnalysisSettings>().AsNoTracking().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return settings is null
            ? new AnalysisSettingsView(false, null, Guid.Empty)
            : new AnalysisSettingsView(settings.LiveAccuracyVisibleToPrincipalInvestigator, settings.UpdatedAtUtc, settings.Version);
    }

    public async Task<ServiceResult<AnalysisSettingsView>> UpdateSettingsAsync(StudyCaller caller, bool liveAccuracyVisibleToPrincipalInvestigator, string reason, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.IsInRole(StudyRoles.Administrator))
        {
            return Fail<AnalysisSettingsView>(ServiceFailure.Forbidden, "", "SettingsRoleOnly");
        }

        var reasonError = ChangeReason.Validate(reason, required: true, () => AnalysisMessages.Get("SettingsReasonRequired"));
        if (reasonError is not null)
        {
            return ServiceResult<AnalysisSettingsView>.Fail(ServiceFailure.Invalid, reasonError);
        }

        var settings = await db.Set<AnalysisSettings>().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var currentVersion = settings?.Version ?? Guid.Empty;
        if (currentVersion != expectedVersion)
        {
            return Fail<AnalysisSettingsView>(ServiceFailure.Conflict, "", "Conflict");
        }

        if (settings is null)
        {
            settings = new AnalysisSettings();
            db.Add(settings);
        }
        else
        {
            db.Entry(settings).Property(s => s.Version).OriginalValue = expectedVersion;
            settings.Version = Guid.NewGuid();
        }

        var before = settings.LiveAccuracyVisibleToPrincipalInvestigator;
        settings.LiveAccuracyVisibleToPrincipalInvestigator = liveAccuracyVisibleToPrincipalInvestigator;
        settings.UpdatedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        db.AddAuditEntries(Entry(caller, AnalysisAuditEntityTypes.Settings, nameof(AnalysisSettings.LiveAccuracyVisibleToPrincipalInvestigator),
            AuditValueFormatter.Format(before), AuditValueFormatter.Format(liveAccuracyVisibleToPrincipalInvestigator), AuditAction.Update, reason.Trim()));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException exception)
        {
            // A concurrent first save inserts the same singleton key; a concurrent update changes the version.
            LogSaveConflict(exception, AnalysisAuditEntityTypes.Settings);
            db.ChangeTracker.Clear();
            return Fail<AnalysisSettingsView>(ServiceFailure.Conflict, "", "Conflict");
        }

        LogSettingsChanged(liveAccuracyVisibleToPrincipalInvestigator);
        return ServiceResult<AnalysisSettingsView>.Success(new AnalysisSettingsView(settings.LiveAccuracyVisibleToPrincipalInvestigator, settings.UpdatedAtUtc, settings.Version));
    }

    public async Task<bool> CanSeeLiveAccuracyAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return caller.IsInRole(StudyRoles.PrincipalInvestigator)
            && (await GetSettingsAsync(cancellationToken).ConfigureAwait(false)).LiveAccuracyVisibleToPrincipalInvestigator;
    }

    public async Task<ServiceResult<AccuracyReport>> BuildReportAsync(StudyCaller caller, AccuracyReportRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!caller.IsInRole(StudyRoles.PrincipalInvestigator) && !caller.IsInRole(StudyRoles.DsmcMember))
        {
            return Fail<AccuracyReport>(ServiceFailure.Forbidden, "", "ReportRoleOnly");
        }

        if (request.Threshold is { } threshold && !(threshold is >= 0 and <= 1))
        {
            return Fail<AccuracyReport>(ServiceFailure.Invalid, "Threshold", "ThresholdOutOfRange", threshold);
        }

        AnalysisDataset dataset;
        DataSnapshotInfo snapshotInfo;
        if (request.SnapshotNumber is { } number)
        {
            var stored = await GetSnapshotDatasetAsync(caller, number, cancellationToken).ConfigureAwait(false);
            if (!stored.Succeeded)
            {
                return ServiceResult<AccuracyReport>.Fail(stored.Failure, [.. stored.Errors]);
            }

            dataset = stored.Value!;
            var sha256 = await db.Set<AnalysisSnapshot>().Where(s => s.Number == number).Select(s => s.Sha256)
                .SingleAsync(cancellationToken).ConfigureAwait(false);
            snapshotInfo = new DataSnapshotInfo(number, sha256);
        }
        else
        {
            if (!await CanSeeLiveAccuracyAsync(caller, cancellationToken).ConfigureAwait(false))
            {
                return Fail<AccuracyReport>(ServiceFailure.Forbidden, "Snapshot", "LiveNotAllowed");
            }

            var plan = await LoadPlanAsync(cancellationToken).ConfigureAwait(false);
            if (plan.Status != AnalysisPlanStatus.Locked)
            {
                return Fail<AccuracyReport>(ServiceFailure.Invalid, "", "PlanNotLocked");
            }

            dataset = await datasets.BuildAsync(PlanValues(plan), cancellationToken).ConfigureAwait(false);
            snapshotInfo = new DataSnapshotInfo(0, new AnalysisReportText(request.Language)["LiveSnapshotLabel"]);
        }

        var sites = await db.Sites.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new ReportSite(s.Code, s.NameZh, s.NameEn, s.TimeZoneId))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var report = AccuracyReportAssembler.Assemble(dataset, new ReportAssemblyRequest(
            request.Population,
            request.Level,
            request.Threshold ?? dataset.Plan.DecisionThreshold,
            request.Language,
            snapshotInfo,
            timeProvider.GetUtcNow(),
            sites));
        return ServiceResult<AccuracyReport>.Success(report);
    }

    private async Task<AnalysisPlan> LoadPlanAsync(CancellationToken cancellationToken) =>
        await db.Set<AnalysisPlan>().SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false)
        ?? new AnalysisPlan { Version = Guid.Empty };

    /// <summary>Saves the plan (inserting it on first save) and its audit entries in one transaction; false on a concurrent change.</summary>
    private async Task<bool> SavePlanAsync(AnalysisPlan plan, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var expectedVersion = plan.Version;
        plan.Version = Guid.NewGuid();
        plan.UpdatedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        if (db.Entry(plan).State == EntityState.Detached)
        {
            db.Add(plan);
        }
        else
        {
            db.Entry(plan).Property(p => p.Version).OriginalValue = expectedVersion;
        }

        db.AddAuditEntries(entries);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException exception)
        {
            LogSaveConflict(exception, AnalysisAuditEntityTypes.Plan);
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Checks the PI role and the re-entered password; wrong passwords count towards lockout.</summary>
    private async Task<(StudyUser? User, ServiceResult<AnalysisPlanView>? Failure)> ReauthenticateAsync(StudyCaller caller, string password, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!caller.IsInRole(StudyRoles.PrincipalInvestigator))
        {
            return (null, Fail<AnalysisPlanView>(ServiceFailure.Forbidden, "", "PlanRoleOnly"));
        }

        var user = await userManager.FindByIdAsync(caller.UserId).ConfigureAwait(false);
        if (user is null || !user.IsActive)
        {
            return (null, Fail<AnalysisPlanView>(ServiceFailure.Forbidden, "", "PlanRoleOnly"));
        }

        if (await userManager.IsLockedOutAsync(user).ConfigureAwait(false))
        {
            return (null, Fail<AnalysisPlanView>(ServiceFailure.Invalid, "Password", "SignerLockedOut"));
        }

        if (string.IsNullOrEmpty(password) || !await userManager.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            await userManager.AccessFailedAsync(user).ConfigureAwait(false);
            LogPasswordRejected();
            return (null, Fail<AnalysisPlanView>(ServiceFailure.Invalid, "Password", "LockPasswordWrong"));
        }

        await userManager.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
        return (user, null);
    }

    private static List<ValidationError> Validate(AnalysisPlanInput input)
    {
        var errors = new List<ValidationError>();
        if (!(input.DecisionThreshold is >= 0 and <= 1))
        {
            errors.Add(Error("DecisionThreshold", "ThresholdOutOfRange", input.DecisionThreshold));
        }

        if (string.IsNullOrWhiteSpace(input.ModelName))
        {
            errors.Add(Error("ModelName", "ModelNameRequired"));
        }

        if (string.IsNullOrWhiteSpace(input.ModelVersion))
        {
            errors.Add(Error("ModelVersion", "ModelVersionRequired"));
        }

        var sha256 = input.ModelSha256?.Trim() ?? "";
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigit))
        {
            errors.Add(Error("ModelSha256", "ModelShaInvalid", sha256));
        }

        return errors;
    }

    private static string LockMeaning(string signerName, AnalysisPlan plan) => AnalysisMessages.Format(
        "LockMeaning",
        signerName,
        plan.DecisionThreshold.ToString("0.###", CultureInfo.InvariantCulture),
        plan.ModelName,
        plan.ModelVersion,
        plan.ModelSha256,
        AnalysisMessages.Get("Population_" + plan.PrimaryPopulation),
        AnalysisMessages.Get("Level_" + plan.PrimaryLevel));

    private static Dictionary<string, string?> Describe(AnalysisPlan plan) => new(StringComparer.Ordinal)
    {
        [nameof(AnalysisPlan.DecisionThreshold)] = AuditValueFormatter.Format(plan.DecisionThreshold),
        [nameof(AnalysisPlan.ModelName)] = plan.ModelName,
        [nameof(AnalysisPlan.ModelVersion)] = plan.ModelVersion,
        [nameof(AnalysisPlan.ModelSha256)] = plan.ModelSha256,
        [nameof(AnalysisPlan.PrimaryPopulation)] = plan.PrimaryPopulation.ToString(),
        [nameof(AnalysisPlan.PrimaryLevel)] = plan.PrimaryLevel.ToString(),
    };

    private static List<AuditEntry> PlanAuditEntries(StudyCaller caller, Dictionary<string, string?> before, Dictionary<string, string?> after, AuditAction action, string? reason) =>
        after.Where(pair => !string.Equals(before[pair.Key], pair.Value, StringComparison.Ordinal))
            .Select(pair => Entry(caller, AnalysisAuditEntityTypes.Plan, pair.Key, before[pair.Key], pair.Value, action, reason))
            .ToList();

    private static AuditEntry Entry(StudyCaller caller, string entityType, string field, string? oldValue, string? newValue, AuditAction action, string? reason, string? entityId = null) => new()
    {
        UserId = caller.UserId,
        UserName = caller.UserName,
        EntityType = entityType,
        EntityId = entityId ?? AnalysisPlan.SingletonId.ToString(CultureInfo.InvariantCulture),
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
        Action = action,
        Reason = reason,
    };

    private static AnalysisPlanValues PlanValues(AnalysisPlan plan) =>
        new(plan.DecisionThreshold, plan.ModelName, plan.ModelVersion, plan.ModelSha256);

    private static AnalysisPlanView ToView(AnalysisPlan plan) => new(
        new AnalysisPlanInput(plan.DecisionThreshold, plan.ModelName, plan.ModelVersion, plan.ModelSha256, plan.PrimaryPopulation, plan.PrimaryLevel),
        plan.Status,
        plan.LockedByUserName,
        plan.LockedAtUtc,
        plan.LockMeaning,
        plan.Version);

    private static AnalysisSnapshotView ToView(AnalysisSnapshot snapshot) =>
        new(snapshot.Number, snapshot.CreatedAtUtc, snapshot.CreatedByUserName, snapshot.ParticipantCount, snapshot.LesionRowCount, snapshot.Sha256);

    private static ValidationError Error(string field, string code, params object?[] args) =>
        new(field, code, args.Length == 0 ? AnalysisMessages.Get(code) : AnalysisMessages.Format(code, args));

    private static ServiceResult<T> Fail<T>(ServiceFailure failure, string field, string code, params object?[] args) =>
        ServiceResult<T>.Fail(failure, Error(field, code, args));

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Analysis plan changed ({FieldCount} fields)")]
    private partial void LogPlanChanged(int fieldCount);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Analysis plan locked at decision threshold {Threshold}")]
    private partial void LogPlanLocked(double threshold);

    [LoggerMessage(EventId = 3103, Level = LogLevel.Warning, Message = "Analysis plan unlocked")]
    private partial void LogPlanUnlocked();

    [LoggerMessage(EventId = 3104, Level = LogLevel.Warning, Message = "Analysis plan signature rejected: wrong password")]
    private partial void LogPasswordRejected();

    [LoggerMessage(EventId = 3105, Level = LogLevel.Information, Message = "Analysis snapshot {Number} created: {ParticipantCount} participants, {LesionCount} lesions")]
    private partial void LogSnapshotCreated(int number, int participantCount, int lesionCount);

    [LoggerMessage(EventId = 3106, Level = LogLevel.Error, Message = "Analysis snapshot {Number} does not match its stored SHA-256")]
    private partial void LogSnapshotCorrupt(int number);

    [LoggerMessage(EventId = 3107, Level = LogLevel.Information, Message = "Analysis settings changed: live accuracy visible to the PI = {Visible}")]
    private partial void LogSettingsChanged(bool visible);

    [LoggerMessage(EventId = 3108, Level = LogLevel.Warning, Message = "Save of {EntityType} rejected as a concurrent change")]
    private partial void LogSaveConflict(Exception exception, string entityType);
}
