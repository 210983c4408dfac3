using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using StudyEdc.Core.Data;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Queries;

internal sealed partial class QueryService(StudyDbContext db, TimeProvider timeProvider, ILogger<QueryService> logger) : IQueryService
{
    /// <summary>Roles that open, close and reopen queries.</summary>
    public static IReadOnlyList<string> ReviewerRoles { get; } = [StudyRoles.Monitor, StudyRoles.PrincipalInvestigator];

    public async Task<ServiceResult<QueryDetail>> OpenAsync(StudyCaller caller, NewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);

        var owner = await CasebookRecords.FindOwnerAsync(db, caller, query.FormKey, query.RecordId, cancellationToken).ConfigureAwait(false);
        if (owner is null)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.NotFound);
        }

        if (!ReviewerRoles.Any(caller.IsInRole))
        {
            return Forbidden("QueryRoleCannotOpen");
        }

        var form = CrfForms.Get(query.FormKey);
        if (form.Find(query.FieldName) is null)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Invalid, new ValidationError(nameof(NewQuery.FieldName), "QueryFieldUnknown",
                CrfMessages.Format("QueryFieldUnknown", query.FieldName, form.Label(System.Globalization.CultureInfo.CurrentUICulture))));
        }

        var textError = ValidateText(query.Text, required: true);
        if (textError is not null)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Invalid, textError);
        }

        var dataQuery = Add(caller, owner, query.FormKey, query.RecordId, query.FieldName, query.Text.Trim(), isAutomatic: false, timeProvider.GetUtcNow().UtcDateTime);
        if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogOpened(dataQuery.Id, query.FormKey, query.RecordId, query.FieldName);
        return await DetailAsync(dataQuery.Id, cancellationToken).ConfigureAwait(false);
    }

    public Task<ServiceResult<QueryDetail>> RespondAsync(StudyCaller caller, int queryId, string text, bool correctionMade, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(caller, queryId, QueryAction.Responded, text, correctionMade, expectedVersion, cancellationToken);

    public Task<ServiceResult<QueryDetail>> CloseAsync(StudyCaller caller, int queryId, string? text, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(caller, queryId, QueryAction.Closed, text, correctionMade: false, expectedVersion, cancellationToken);

    public Task<ServiceResult<QueryDetail>> ReopenAsync(StudyCaller caller, int queryId, string text, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        StepAsync(caller, queryId, QueryAction.Reopened, text, correctionMade: false, expectedVersion, cancellationToken);

    public async Task<QueryDetail?> GetAsync(StudyCaller caller, int queryId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var visible = await CasebookAccess.Scoped(db.Set<DataQuery>(), caller).AnyAsync(q => q.Id == queryId, cancellationToken).ConfigureAwait(false);
        return visible ? (await DetailAsync(queryId, cancellationToken).ConfigureAwait(false)).Value : null;
    }

    public async Task<IReadOnlyList<QuerySummary>> ListAsync(StudyCaller caller, QueryFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(filter);

        var queries = CasebookAccess.Scoped(db.Set<DataQuery>(), caller);
        if (filter.SiteId is { } siteId)
        {
            queries = queries.Where(q => q.SiteId == siteId);
        }

        if (filter.ParticipantId is { } participantId)
        {
            queries = queries.Where(q => q.ParticipantId == participantId);
        }

        if (filter.Status is { } status)
        {
            queries = queries.Where(q => q.Status == status);
        }

        var summaries = await Summaries(queries).ToListAsync(cancellationToken).ConfigureAwait(false);
        return summaries.OrderBy(q => q.OpenedAtUtc).ThenBy(q => q.Id).ToList();
    }

    public async Task<IReadOnlyList<QueriedField>> ListQueriedFieldsAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return await CasebookAccess.Scoped(db.Set<DataQuery>(), caller)
            .Where(q => q.ParticipantId == participantId && q.Status != QueryStatus.Closed)
            .OrderBy(q => q.Id)
            .Select(q => new QueriedField(q.FormKey, q.RecordId, q.FieldName, q.Id, q.Status))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<OpenQueryCount>> CountOpenAsync(StudyCaller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var counts = await CasebookAccess.Scoped(db.Set<DataQuery>(), caller)
            .Where(q => q.Status != QueryStatus.Closed)
            .GroupBy(q => new { q.SiteId, q.FormKey, q.FieldName })
            .Select(g => new OpenQueryCount(
                g.Key.SiteId,
                g.Key.FormKey,
                g.Key.FieldName,
                g.Count(q => q.Status == QueryStatus.Open),
                g.Count(q => q.Status == QueryStatus.Answered)))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return counts.OrderBy(c => c.SiteId).ThenBy(c => c.FormKey, StringComparer.Ordinal).ThenBy(c => c.FieldName, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Adds an automatic query and its opening message to the context, unless an automatic query that is not closed
    /// already exists on the same field. The caller saves. Returns true when one was added.
    /// </summary>
    internal static async Task<bool> AddAutomaticAsync(StudyDbContext db, StudyCaller caller, RecordOwner owner, string formKey, int recordId, string fieldName, string text, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var exists = await db.Set<DataQuery>().AnyAsync(q => q.FormKey == formKey && q.RecordId == recordId && q.FieldName == fieldName
            && q.IsAutomatic && q.Status != QueryStatus.Closed, cancellationToken).ConfigureAwait(false);
        if (exists)
        {
            return false;
        }

        Add(db, caller, owner, formKey, recordId, fieldName, text, isAutomatic: true, nowUtc);
        return true;
    }

    private DataQuery Add(StudyCaller caller, RecordOwner owner, string formKey, int recordId, string fieldName, string text, bool isAutomatic, DateTime nowUtc) =>
        Add(db, caller, owner, formKey, recordId, fieldName, text, isAutomatic, nowUtc);

    private static DataQuery Add(StudyDbContext db, StudyCaller caller, RecordOwner owner, string formKey, int recordId, string fieldName, string text, bool isAutomatic, DateTime nowUtc)
    {
        var query = new DataQuery
        {
            SiteId = owner.SiteId,
            ParticipantId = owner.ParticipantId,
            FormKey = formKey,
            RecordId = recordId,
            FieldName = fieldName,
            IsAutomatic = isAutomatic,
            OpenedByUserId = caller.UserId,
            OpenedByName = isAutomatic ? AutomaticOpenerName : caller.UserName,
            OpenedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
        query.Messages.Add(NewMessage(query, QueryAction.Opened, text, correctionMade: false, caller, nowUtc));
        db.Add(query);
        return query;
    }

    /// <summary>Name shown as the opener of queries raised by a server-side rule.</summary>
    public const string AutomaticOpenerName = "StudyEdc";

    private async Task<ServiceResult<QueryDetail>> StepAsync(StudyCaller caller, int queryId, QueryAction action, string? text, bool correctionMade, Guid expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var query = await CasebookAccess.Scoped(db.Set<DataQuery>(), caller).SingleOrDefaultAsync(q => q.Id == queryId, cancellationToken).ConfigureAwait(false);
        if (query is null)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.NotFound);
        }

        // Who may take the step, and from which status.
        var (roles, allowedFrom, target, textRequired) = action switch
        {
            QueryAction.Responded => (FormStatusRules.DataEntryRoles, new[] { QueryStatus.Open, QueryStatus.Answered }, QueryStatus.Answered, true),
            QueryAction.Closed => (ReviewerRoles, new[] { QueryStatus.Open, QueryStatus.Answered }, QueryStatus.Closed, false),
            QueryAction.Reopened => (ReviewerRoles, new[] { QueryStatus.Answered, QueryStatus.Closed }, QueryStatus.Open, true),
            _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Only respond, close and reopen are steps of an existing query."),
        };
        if (!roles.Any(caller.IsInRole))
        {
            return Forbidden(action == QueryAction.Responded ? "QueryRoleCannotRespond" : "QueryRoleCannotReview");
        }

        if (!allowedFrom.Contains(query.Status))
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Invalid, new ValidationError("", "QueryStepInvalid",
                CrfMessages.Format("QueryStepInvalid", CrfMessages.Choice(action), CrfMessages.Choice(query.Status))));
        }

        if (query.Version != expectedVersion)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        var textError = ValidateText(text, textRequired);
        if (textError is not null)
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Invalid, textError);
        }

        // Save the step and the new status together.
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var from = query.Status;
        query.Status = target;
        query.UpdatedAtUtc = now;
        db.Entry(query).Property(q => q.Version).OriginalValue = expectedVersion;
        query.Version = Guid.NewGuid();
        db.Add(NewMessage(query, action, text?.Trim() ?? "", correctionMade, caller, now));
        if (!await CasebookAudit.SaveAsync(db, caller, reason: null, cancellationToken).ConfigureAwait(false))
        {
            return ServiceResult<QueryDetail>.Fail(ServiceFailure.Conflict, CasebookAccess.Conflict());
        }

        LogStep(queryId, from, target);
        return await DetailAsync(queryId, cancellationToken).ConfigureAwait(false);
    }

    private static ValidationError? ValidateText(string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return required ? new ValidationError("Text", "QueryTextRequired", CrfMessages.Get("QueryTextRequired")) : null;
        }

        var length = text.Trim().Length;
        return length > DataQuery.MaxTextLength
            ? new ValidationError("Text", "QueryTextTooLong", CrfMessages.Format("QueryTextTooLong", length, DataQuery.MaxTextLength))
            : null;
    }

    private IQueryable<QuerySummary> Summaries(IQueryable<DataQuery> queries) =>
        from query in queries
        join participant in db.Participants on query.ParticipantId equals participant.Id
        select new QuerySummary(query.Id, query.SiteId, query.ParticipantId, participant.StudyId, query.FormKey, query.RecordId,
            query.FieldName, query.Status, query.IsAutomatic, query.OpenedByName, query.OpenedAtUtc, query.UpdatedAtUtc);

    private async Task<ServiceResult<QueryDetail>> DetailAsync(int queryId, CancellationToken cancellationToken)
    {
        var summary = await Summaries(db.Set<DataQuery>().Where(q => q.Id == queryId)).SingleAsync(cancellationToken).ConfigureAwait(false);
        var version = await db.Set<DataQuery>().Where(q => q.Id == queryId).Select(q => q.Version).SingleAsync(cancellationToken).ConfigureAwait(false);
        var messages = await db.Set<DataQueryMessage>().Where(m => m.QueryId == queryId).OrderBy(m => m.Id)
            .Select(m => new QueryMessageView(m.Action, m.Text, m.CorrectionMade, m.UserName, m.CreatedAtUtc))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return ServiceResult<QueryDetail>.Success(new QueryDetail(summary, messages, version));
    }

    private static ServiceResult<QueryDetail> Forbidden(string code) =>
        ServiceResult<QueryDetail>.Fail(ServiceFailure.Forbidden, new ValidationError("", code, CrfMessages.Get(code)));

    private static DataQueryMessage NewMessage(DataQuery query, QueryAction action, string text, bool correctionMade, StudyCaller caller, DateTime nowUtc) => new()
    {
        QueryId = query.Id,
        SiteId = query.SiteId,
        ParticipantId = query.ParticipantId,
        Action = action,
        Text = text,
        CorrectionMade = correctionMade,
        UserId = caller.UserId,
        UserName = caller.UserName,
        CreatedAtUtc = nowUtc,
    };

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "Query {QueryId} opened on {FormKey} {RecordId} field {FieldName}")]
    private partial void LogOpened(int queryId, string formKey, int recordId, string fieldName);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Information, Message = "Query {QueryId} moved from {From} to {To}")]
    private partial void LogStep(int queryId, QueryStatus from, QueryStatus to);
}
