using Microsoft.AspNetCore.Components;
using StudyEdc.Core;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Queries;
using StudyEdc.Web.Components.Participants;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The conversation of one query with its next steps: the site responds and reports whether it corrected the form, and
/// a Monitor or Principal Investigator closes or reopens.
/// </summary>
public partial class QueryThread
{
    private StudyCaller? _caller;
    private QueryDetail? _detail;
    private IReadOnlyList<ValidationError> _errors = [];
    private string? _text;
    private bool _correctionMade;
    private bool _busy;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    /// <summary>The query to show.</summary>
    [Parameter, EditorRequired]
    public int QueryId { get; set; }

    /// <summary>Raised after a step is saved, with the query as it is now.</summary>
    [Parameter]
    public EventCallback<QueryDetail> OnChanged { get; set; }

    private QueryStatus? Status => _detail?.Query.Status;

    private bool CanRespond => _caller is not null && FormStatusRules.CanEnterData(_caller) && Status is QueryStatus.Open or QueryStatus.Answered;

    private bool IsReviewer => _caller is not null && ParticipantRoles.CanReviewQueries(_caller);

    private bool CanClose => IsReviewer && Status is QueryStatus.Open or QueryStatus.Answered;

    private bool CanReopen => IsReviewer && Status is QueryStatus.Answered or QueryStatus.Closed;

    protected override async Task OnParametersSetAsync()
    {
        _caller = await Operations.GetCallerAsync();
        _detail = await Operations.RunAsync<IQueryService, QueryDetail?>((queries, caller) => queries.GetAsync(caller, QueryId));
        _errors = [];
        _text = null;
        _correctionMade = false;
    }

    private Task RespondAsync()
    {
        var text = _text ?? "";
        var correctionMade = _correctionMade;
        return StepAsync((queries, caller, detail) => queries.RespondAsync(caller, detail.Query.Id, text, correctionMade, detail.Version));
    }

    private Task CloseAsync()
    {
        var text = _text;
        return StepAsync((queries, caller, detail) => queries.CloseAsync(caller, detail.Query.Id, text, detail.Version));
    }

    private Task ReopenAsync()
    {
        var text = _text ?? "";
        return StepAsync((queries, caller, detail) => queries.ReopenAsync(caller, detail.Query.Id, text, detail.Version));
    }

    private async Task StepAsync(Func<IQueryService, StudyCaller, QueryDetail, Task<ServiceResult<QueryDetail>>> step)
    {
        if (_busy || _detail is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var detail = _detail;
            var result = await Operations.RunAsync<IQueryService, ServiceResult<QueryDetail>>((queries, caller) => step(queries, caller, detail));
            _errors = result.Errors;
            if (result.Succeeded && result.Value is not null)
            {
                _detail = result.Value;
                _text = null;
                _correctionMade = false;
                await OnChanged.InvokeAsync(result.Value);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
