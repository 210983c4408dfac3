using Microsoft.AspNetCore.Components;
using StudyEdc.Core;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Queries;
using StudyEdc.Web.Components.Participants;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The queries of one record of a participant's casebook. The form page passes the record and gets the fields
/// with a query that is not closed back through <see cref="QueriedFieldsChanged"/>, so it can highlight them.
/// </summary>
public partial class QueryPanel
{
    private IReadOnlyList<QuerySummary> _queries = [];
    private IReadOnlyList<ValidationError> _errors = [];
    private int? _selectedId;
    private string? _newField;
    private string? _newText;
    private bool _canOpen;
    private bool _busy;

    // The record whose queries are loaded, so a parent's re-render after QueriedFieldsChanged does not reload them.
    private (bool Loaded, int? RecordId) _loadedFor;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    /// <summary>The participant the record belongs to.</summary>
    [Parameter, EditorRequired]
    public int ParticipantId { get; set; }

    /// <summary>Key of the record's form (<see cref="CrfForms"/>).</summary>
    [Parameter, EditorRequired]
    public string FormKey { get; set; } = "";

    /// <summary>The record's id (the participant id for the participant form); null while the record is not saved yet.</summary>
    [Parameter]
    public int? RecordId { get; set; }

    /// <summary>Raised after loading and after every change with the names of the fields that have a query that is not closed.</summary>
    [Parameter]
    public EventCallback<IReadOnlySet<string>> QueriedFieldsChanged { get; set; }

    // Every declared field may be queried, derived ones included: a derived value can be wrong because its source is.
    private IReadOnlyList<FieldDefinition> Fields => CrfForms.Find(FormKey)?.Fields ?? [];

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == (true, RecordId))
        {
            return;
        }

        _loadedFor = (true, RecordId);
        var caller = await Operations.GetCallerAsync();
        _canOpen = caller is not null && ParticipantRoles.CanReviewQueries(caller);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (RecordId is not int recordId)
        {
            _queries = [];
            return;
        }

        var all = await Operations.RunAsync<IQueryService, IReadOnlyList<QuerySummary>>(
            (queries, caller) => queries.ListAsync(caller, new QueryFilter(ParticipantId: ParticipantId)));
        _queries = all.Where(q => q.FormKey == FormKey && q.RecordId == recordId).ToList();
        if (_selectedId is int selected && _queries.All(q => q.Id != selected))
        {
            _selectedId = null;
        }

        var queried = _queries.Where(q => q.Status != QueryStatus.Closed).Select(q => q.FieldName).ToHashSet(StringComparer.Ordinal);
        await QueriedFieldsChanged.InvokeAsync(queried);
    }

    private void Select(int queryId) => _selectedId = _selectedId == queryId ? null : queryId;

    private Task OnThreadChangedAsync(QueryDetail _) => LoadAsync();

    private async Task OpenAsync()
    {
        if (_busy || RecordId is not int recordId)
        {
            return;
        }

        _busy = true;
        try
        {
            var query = new NewQuery(FormKey, recordId, _newField ?? "", _newText ?? "");
            var result = await Operations.RunAsync<IQueryService, ServiceResult<QueryDetail>>(
                (queries, caller) => queries.OpenAsync(caller, query));
            _errors = result.Errors;
            if (result.Succeeded && result.Value is not null)
            {
                _newField = null;
                _newText = null;
                _selectedId = result.Value.Query.Id;
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
