using StudyEdc.Core.Forms;

namespace StudyEdc.Core.Queries;

/// <summary>
/// A data clarification request on one field of one casebook record. A Monitor or Principal Investigator opens it,
/// or the server does for a rule that needs a human look. The site responds and may correct the data, and the
/// Monitor closes or reopens it. The conversation is kept in <see cref="DataQueryMessage"/> rows.
/// </summary>
public class DataQuery : ICasebookRecord
{
    public const int MaxTextLength = 2000;

    public int Id { get; set; }

    public int SiteId { get; set; }

    public int ParticipantId { get; set; }

    /// <summary>Key of the queried form (<see cref="CrfForms"/>).</summary>
    public string FormKey { get; set; } = "";

    /// <summary>Id of the queried record: the participant id for the participant form.</summary>
    public int RecordId { get; set; }

    /// <summary>Property name of the queried field, as declared in the form's field definitions.</summary>
    public string FieldName { get; set; } = "";

    public QueryStatus Status { get; set; } = QueryStatus.Open;

    /// <summary>True when a server-side rule opened the query rather than a person.</summary>
    public bool IsAutomatic { get; set; }

    /// <summary>Identity user id of the opener; for an automatic query, the user whose save triggered it.</summary>
    public string OpenedByUserId { get; set; } = "";

    public string OpenedByName { get; set; } = "";

    public DateTime OpenedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>Optimistic concurrency token, changed on every update.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The conversation, oldest first once loaded; used to add the opening message with the new query.</summary>
    public List<DataQueryMessage> Messages { get; } = [];
}

/// <summary>One step of a query's conversation.</summary>
public class DataQueryMessage : ICasebookRecord
{
    public int Id { get; set; }

    public int QueryId { get; set; }

    public int SiteId { get; set; }

    public int ParticipantId { get; set; }

    public QueryAction Action { get; set; }

    public string Text { get; set; } = "";

    /// <summary>True when the responder reports that the data were corrected in the form.</summary>
    public bool CorrectionMade { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }
}

public enum QueryStatus
{
    [CrfChoice("待回复", "Open")]
    Open,

    [CrfChoice("已回复", "Answered")]
    Answered,

    [CrfChoice("已关闭", "Closed")]
    Closed,
}

public enum QueryAction
{
    [CrfChoice("发起", "Opened")]
    Opened,

    [CrfChoice("回复", "Responded")]
    Responded,

    [CrfChoice("关闭", "Closed")]
    Closed,

    [CrfChoice("重新打开", "Reopened")]
    Reopened,
}
