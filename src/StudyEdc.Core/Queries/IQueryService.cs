using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Queries;

/// <summary>
/// Data clarification queries. Monitors and Principal Investigators open, close and reopen; site coordinators
/// (and Principal Investigators and Administrators) respond. Everything is scoped by the caller's site and audited.
/// </summary>
public interface IQueryService
{
    /// <summary>Opens a query on one field of one record; the field must be a declared field of the form.</summary>
    Task<ServiceResult<QueryDetail>> OpenAsync(StudyCaller caller, NewQuery query, CancellationToken cancellationToken = default);

    /// <summary>Answers an open or answered query; <paramref name="correctionMade"/> records that the form was corrected.</summary>
    Task<ServiceResult<QueryDetail>> RespondAsync(StudyCaller caller, int queryId, string text, bool correctionMade, Guid expectedVersion, CancellationToken cancellationToken = default);

    Task<ServiceResult<QueryDetail>> CloseAsync(StudyCaller caller, int queryId, string? text, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Reopens an answered or closed query; the text says what is still wrong.</summary>
    Task<ServiceResult<QueryDetail>> ReopenAsync(StudyCaller caller, int queryId, string text, Guid expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Returns null when the query does not exist or is outside the caller's scope.</summary>
    Task<QueryDetail?> GetAsync(StudyCaller caller, int queryId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<QuerySummary>> ListAsync(StudyCaller caller, QueryFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Fields of the participant's records with a query that is not closed, for highlighting them in the forms.</summary>
    Task<IReadOnlyList<QueriedField>> ListQueriedFieldsAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>Queries that are not closed, counted per site, form and field, within the caller's scope.</summary>
    Task<IReadOnlyList<OpenQueryCount>> CountOpenAsync(StudyCaller caller, CancellationToken cancellationToken = default);
}

public sealed record NewQuery(string FormKey, int RecordId, string FieldName, string Text);

/// <summary>Filters for <see cref="IQueryService.ListAsync"/>; null means no filter.</summary>
public sealed record QueryFilter(int? SiteId = null, int? ParticipantId = null, QueryStatus? Status = null);

public sealed record QuerySummary(
    int Id,
    int SiteId,
    int ParticipantId,
    string StudyId,
    string FormKey,
    int RecordId,
    string FieldName,
    QueryStatus Status,
    bool IsAutomatic,
    string OpenedByName,
    DateTime OpenedAtUtc,
    DateTime UpdatedAtUtc);

public sealed record QueryMessageView(QueryAction Action, string Text, bool CorrectionMade, string UserName, DateTime CreatedAtUtc);

public sealed record QueryDetail(QuerySummary Query, IReadOnlyList<QueryMessageView> Messages, Guid Version);

public sealed record QueriedField(string FormKey, int RecordId, string FieldName, int QueryId, QueryStatus Status);

public sealed record OpenQueryCount(int SiteId, string FormKey, string FieldName, int Open, int Answered);
