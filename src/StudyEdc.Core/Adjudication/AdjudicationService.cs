using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Core.Resources;
using StudyEdc.Statistics;

namespace StudyEdc.Core.Adjudication;

internal sealed partial class AdjudicationService(StudyDbContext db, TimeProvider timeProvider, ILogger<AdjudicationService> logger)
    : IAdjudicationService
{
    private static readonly IReadOnlyList<string> OverseerRoles = [StudyRoles.PrincipalInvestigator, StudyRoles.Administrator];

    private static readonly IReadOnlyList<string> AgreementRoles = [StudyRoles.PrincipalInvestigator, StudyRoles.Administrator, StudyRoles.Monitor];

    public async Task<ServiceResult<AdjudicationProgress>> AssignAsync(StudyCaller caller, int lesionId, IReadOnlyList<string> readerUserIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(readerUserIds);

        var lesion = await CasebookAccess.Scoped(db.Set<Lesion>(), caller).SingleOrDefaultAsync(l => l.Id == lesionId, cancellationToken).ConfigureAwait(false);
        if (lesion is null)
        {
            return ServiceResult<AdjudicationProgress>.Fail(ServiceFailure.NotFound);
        }

        if (!FormStatusRules.CanEnterData(caller))
        {
            return ServiceResult<AdjudicationProgress>.Fail(ServiceFailure.Forbidden, CasebookAccess.RoleCannotEnterData());
        }

        var participant = await db.Participants.AsNoTracking().SingleAsync(p => p.Id == lesion.ParticipantId, cancellationToken).ConfigureAwait(false);
        if (participant.Status == FormStatus.Locked || lesion.Status == FormStatus.Locked)
        {
            return ServiceResult<AdjudicationProgress>.Fail(ServiceFailure.Locked, CasebookAccess.Locked(participant.StudyId));
        }

        // The lesion must need a consensus and have none yet, and the readers must be three radiologists of its site.
        if (lesion.ReferenceStandard != ReferenceStandardMethod.Consensus)
        {
            return Invalid<AdjudicationProgress>("ReferenceStandard", "AdjudicationNotNeeded", CrfMessages.Format("AdjudicationNotNeeded", lesion.LesionNumber));
        }

        if (await db.Set<AdjudicationCase>().AnyAsync(c => c.LesionId == lesionId, cancellationToken).ConfigureAwait(false))
        {
            return Invalid<AdjudicationProgress>("", "AdjudicationAlreadyAssigned", CrfMessages.Format("AdjudicationAlreadyAssigned", lesion.LesionNumber));
        }

        var distinct = readerUserIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count != AdjudicationCase.ReadersPerCase || readerUserIds.Count != AdjudicationCase.ReadersPerCase)
        {
            return Invalid<AdjudicationProgress>("Readers", "ThreeDifferentReaders", CrfMessages.Format("ThreeDifferentReaders", distinct.Count));
        }

        var radiologists = await SiteRadiologists(lesion.SiteId).Where(user => distinct.Contains(user.Id))
            .Select(user => new { user.Id, user.UserName })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (radiologists.Count != AdjudicationCase.ReadersPerCase)
        {
            return Invalid<AdjudicationProgress>("Readers", "ReaderNotRadiologistOfSite", CrfMessages.Get("ReaderNotRadiologistOfSite"));
        }

        // Save the case and its three empty reads together.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var adjudication = new AdjudicationCase { SiteId = lesion.SiteId, ParticipantId = lesion.ParticipantId, LesionId = lesion.Id, CreatedAtUtc = now };
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            db.Add(adjudication);
            if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
            {
                return ServiceResult<AdjudicationProgress>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
            }

            foreach (var reader in radiologists)
            {
                db.Add(new AdjudicationRead
                {
                    CaseId = adjudication.Id,
                    SiteId = adjudication.SiteId,
                    ParticipantId = adjudication.ParticipantId,
                    ReaderUserId = reader.Id,
                    ReaderName = reader.UserName ?? "",
                });
            }

            await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        LogAssigned(adjudication.Id, lesionId);
        return ServiceResult<AdjudicationProgress>.Success(await ProgressAsync(adjudication.Id, cancellationToken).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<ReaderChoice>> ListEligibleReadersAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!FormStatusRules.CanEnterData(caller))
        {
            return [];
        }

        var siteId = await CasebookAccess.Scoped(db.Set<Lesion>(), caller).Where(l => l.Id == lesionId)
            .Select(l => (int?)l.SiteId).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (siteId is null)
        {
            return [];
        }

        return await SiteRadiologists(siteId.Value).OrderBy(user => user.UserName)
            .Select(user => new ReaderChoice(user.Id, user.UserName ?? "", user.DisplayName))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AdjudicationProgress?> GetProgressAsync(StudyCaller caller, int lesionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var caseId = await CasebookAccess.Scoped(db.Set<AdjudicationCase>(), caller).Where(c => c.LesionId == lesionId)
            .Select(c => (int?)c.Id).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return caseId is null ? null : await ProgressAsync(caseId.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ReadTask>> ListMyReadsAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.IsInRole(StudyRoles.Radiologist))
        {
            return [];
        }

        var tasks = await ReadTasks(OwnReads(caller)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return tasks.OrderByDescending(t => t.CaseId).ToList();
    }

    public async Task<ServiceResult<ReadTask>> OpenReadAsync(StudyCaller caller, int readId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var read = await OwnReads(caller).SingleOrDefaultAsync(r => r.Id == readId, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return ServiceResult<ReadTask>.Fail(ServiceFailure.NotFound);
        }

        if (read.OpenedAtUtc is null)
        {
            read.OpenedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
            await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false);
        }

        return ServiceResult<ReadTask>.Success(await ReadTasks(OwnReads(caller).Where(r => r.Id == readId)).SingleAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<ReadTask>> SubmitReadAsync(StudyCaller caller, int readId, ReadInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var read = await OwnReads(caller).SingleOrDefaultAsync(r => r.Id == readId, cancellationToken).ConfigureAwait(false);
        if (read is null)
        {
            return ServiceResult<ReadTask>.Fail(ServiceFailure.NotFound);
        }

        if (read.SubmittedAtUtc is not null)
        {
            return Invalid<ReadTask>("", "ReadAlreadySubmitted", CrfMessages.Get("ReadAlreadySubmitted"));
        }

        if (read.OpenedAtUtc is not { } openedAtUtc)
        {
            return Invalid<ReadTask>("", "ReadNotOpened", CrfMessages.Get("ReadNotOpened"));
        }

        read.Nature = input.Nature;
        read.LiRadsCategory = input.LiRadsCategory;
        read.Confidence = input.Confidence;
        var errors = FieldRules.Validate(CrfForms.Get(CrfForms.ReaderReadKey), read, completing: true);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<ReadTask>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        // The server measures the reading time; a read submitted once is final.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        read.SubmittedAtUtc = now;
        read.ReadingTimeSeconds = (int)Math.Round((now - openedAtUtc).TotalSeconds, MidpointRounding.AwayFromZero);

        var adjudication = await db.Set<AdjudicationCase>().SingleAsync(c => c.Id == read.CaseId, cancellationToken).ConfigureAwait(false);
        var othersSubmitted = await db.Set<AdjudicationRead>().CountAsync(r => r.CaseId == read.CaseId && r.Id != read.Id && r.SubmittedAtUtc != null, cancellationToken).ConfigureAwait(false);
        if (othersSubmitted + 1 == AdjudicationCase.ReadersPerCase)
        {
            adjudication.Status = AdjudicationStatus.AwaitingConsensus;
            adjudication.Version = Guid.NewGuid();
        }

        if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<ReadTask>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogReadSubmitted(readId, read.CaseId, read.ReadingTimeSeconds.Value);
        return ServiceResult<ReadTask>.Success(await ReadTasks(OwnReads(caller).Where(r => r.Id == readId)).SingleAsync(cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<ConsensusForm>> GetConsensusFormAsync(StudyCaller caller, int caseId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var (adjudication, failure) = await FindForConsensusAsync(caller, caseId, cancellationToken).ConfigureAwait(false);
        return failure ?? ServiceResult<ConsensusForm>.Success(await ConsensusFormAsync(adjudication!, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ServiceResult<ConsensusForm>> RecordConsensusAsync(StudyCaller caller, int caseId, ConsensusInput input, Guid expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);

        var (adjudication, failure) = await FindForConsensusAsync(caller, caseId, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        if (adjudication!.Status == AdjudicationStatus.Concluded)
        {
            return Invalid<ConsensusForm>("", "ConsensusAlreadyRecorded", CrfMessages.Get("ConsensusAlreadyRecorded"));
        }

        if (adjudication.Version != expectedVersion)
        {
            return ServiceResult<ConsensusForm>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        adjudication.ConsensusNature = input.Nature;
        adjudication.ConsensusLiRads = input.LiRadsCategory;
        adjudication.ConsensusNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        var errors = FieldRules.Validate(CrfForms.Get(CrfForms.ConsensusKey), adjudication, completing: true);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return ServiceResult<ConsensusForm>.Fail(ServiceFailure.Invalid, [.. errors]);
        }

        adjudication.Status = AdjudicationStatus.Concluded;
        adjudication.ConsensusByUserId = caller.UserId;
        adjudication.ConsensusByName = caller.UserName;
        adjudication.ConsensusAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        db.Entry(adjudication).Property(c => c.Version).OriginalValue = expectedVersion;
        adjudication.Version = Guid.NewGuid();
        if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<ConsensusForm>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogConsensus(caseId, adjudication.ConsensusNature!.Value);
        return ServiceResult<ConsensusForm>.Success(await ConsensusFormAsync(adjudication, cancellationToken).ConfigureAwait(false));
    }

    public async Task<ReaderAgreement?> ComputeAgreementAsync(StudyCaller caller, int? siteId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        if (!caller.HasAllSites || !AgreementRoles.Any(caller.IsInRole))
        {
            return null;
        }

        var reads = db.Set<AdjudicationRead>().Where(r => r.SubmittedAtUtc != null);
        if (siteId is { } site)
        {
            reads = reads.Where(r => r.SiteId == site);
        }

        var submitted = await reads.Select(r => new { r.CaseId, r.Nature, r.LiRadsCategory }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var complete = submitted.GroupBy(r => r.CaseId).Where(g => g.Count() == AdjudicationCase.ReadersPerCase).OrderBy(g => g.Key).ToList();

        // One row per case, one column per category, each cell the number of readers who chose it.
        var natures = Enum.GetValues<LesionNature>();
        var categories = Enum.GetValues<LiRadsCategory>();
        var natureCounts = new int[complete.Count, natures.Length];
        var categoryCounts = new int[complete.Count, categories.Length];
        for (var i = 0; i < complete.Count; i++)
        {
            foreach (var read in complete[i])
            {
                natureCounts[i, Array.IndexOf(natures, read.Nature!.Value)]++;
                categoryCounts[i, Array.IndexOf(categories, read.LiRadsCategory!.Value)]++;
            }
        }

        return new ReaderAgreement(complete.Count, FleissKappa.Compute(natureCounts), FleissKappa.Compute(categoryCounts));
    }

    /// <summary>The active users with the Radiologist role at <paramref name="siteId"/>: the only users a case may be assigned to.</summary>
    private IQueryable<StudyUser> SiteRadiologists(int siteId) =>
        from user in db.Users
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == StudyRoles.Radiologist && user.IsActive && user.SiteId == siteId
        select user;

    /// <summary>Reads assigned to the caller, so a radiologist gets no other reader's read.</summary>
    private IQueryable<AdjudicationRead> OwnReads(StudyCaller caller)
    {
        var userId = caller.UserId;
        return caller.IsInRole(StudyRoles.Radiologist)
            ? db.Set<AdjudicationRead>().Where(r => r.ReaderUserId == userId)
            : db.Set<AdjudicationRead>().Where(r => false);
    }

    private IQueryable<ReadTask> ReadTasks(IQueryable<AdjudicationRead> reads) =>
        from read in reads
        join adjudication in db.Set<AdjudicationCase>() on read.CaseId equals adjudication.Id
        join lesion in db.Set<Lesion>() on adjudication.LesionId equals lesion.Id
        join participant in db.Participants on lesion.ParticipantId equals participant.Id
        select new ReadTask(read.Id, read.CaseId, participant.Id, participant.StudyId, lesion.LesionNumber, lesion.CouinaudSegment, lesion.SeriesInstanceUid,
            lesion.FirstSlice, lesion.LastSlice, read.OpenedAtUtc, read.SubmittedAtUtc, read.Nature, read.LiRadsCategory, read.Confidence, read.ReadingTimeSeconds);

    /// <summary>
    /// Finds a case for the consensus form: in scope, the caller one of its readers or an overseer, and all three
    /// reads submitted. Returns the failure otherwise.
    /// </summary>
    private async Task<(AdjudicationCase? Case, ServiceResult<ConsensusForm>? Failure)> FindForConsensusAsync(StudyCaller caller, int caseId, CancellationToken cancellationToken)
    {
        var adjudication = await db.Set<AdjudicationCase>().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken).ConfigureAwait(false);
        var isReader = adjudication is not null && caller.IsInRole(StudyRoles.Radiologist)
            && await db.Set<AdjudicationRead>().AnyAsync(r => r.CaseId == caseId && r.ReaderUserId == caller.UserId, cancellationToken).ConfigureAwait(false);
        var isOverseer = OverseerRoles.Any(caller.IsInRole);
        if (adjudication is null || !caller.CanAccessSite(adjudication.SiteId) || !(isReader || isOverseer))
        {
            return (null, ServiceResult<ConsensusForm>.Fail(ServiceFailure.NotFound));
        }

        var submitted = await db.Set<AdjudicationRead>().CountAsync(r => r.CaseId == caseId && r.SubmittedAtUtc != null, cancellationToken).ConfigureAwait(false);
        if (submitted < AdjudicationCase.ReadersPerCase)
        {
            return (null, Invalid<ConsensusForm>("", "ConsensusNotOpen", CrfMessages.Format("ConsensusNotOpen", submitted, AdjudicationCase.ReadersPerCase)));
        }

        return (adjudication, null);
    }

    private async Task<ConsensusForm> ConsensusFormAsync(AdjudicationCase adjudication, CancellationToken cancellationToken)
    {
        var lesion = await db.Set<Lesion>().AsNoTracking().Where(l => l.Id == adjudication.LesionId)
            .Join(db.Participants, l => l.ParticipantId, p => p.Id, (l, p) => new { l.LesionNumber, p.StudyId })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        var reads = await db.Set<AdjudicationRead>().AsNoTracking().Where(r => r.CaseId == adjudication.Id).OrderBy(r => r.SubmittedAtUtc).ThenBy(r => r.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ConsensusForm(
            adjudication.Id,
            lesion.StudyId,
            lesion.LesionNumber,
            adjudication.Status,
            reads.Select(r => new ReadView(r.ReaderName, r.Nature!.Value, r.LiRadsCategory!.Value, r.Confidence!.Value, r.ReadingTimeSeconds!.Value, r.SubmittedAtUtc!.Value)).ToList(),
            adjudication.ConsensusNature,
            adjudication.ConsensusLiRads,
            adjudication.ConsensusNote,
            adjudication.ConsensusByName,
            adjudication.ConsensusAtUtc,
            adjudication.Version);
    }

    private async Task<AdjudicationProgress> ProgressAsync(int caseId, CancellationToken cancellationToken)
    {
        var adjudication = await db.Set<AdjudicationCase>().AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken).ConfigureAwait(false);
        var reads = await db.Set<AdjudicationRead>().AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Id)
            .Select(r => new { r.ReaderName, Submitted = r.SubmittedAtUtc != null })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AdjudicationProgress(caseId, adjudication.LesionId, adjudication.Status, reads.Select(r => r.ReaderName).ToList(), reads.Count(r => r.Submitted), adjudication.Version);
    }

    private static ServiceResult<T> Invalid<T>(string field, string code, string message) =>
        ServiceResult<T>.Fail(ServiceFailure.Invalid, new ValidationError(field, code, message));

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Adjudication case {CaseId} created for lesion {LesionId} with three readers")]
    private partial void LogAssigned(int caseId, int lesionId);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Read {ReadId} of adjudication case {CaseId} submitted after {ReadingTimeSeconds} s")]
    private partial void LogReadSubmitted(int readId, int caseId, int readingTimeSeconds);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Consensus of adjudication case {CaseId} recorded: {Nature}")]
    private partial void LogConsensus(int caseId, LesionNature nature);
}
