using Microsoft.AspNetCore.Components;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Exclusions;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The exclusions page: records a protocol exclusion with its criterion, details and date, and corrects one with
/// a reason. Exclusions are never deleted.
/// </summary>
public partial class Exclusions : CasebookPage
{
    private static readonly FormDefinition Form = CrfForms.Exclusion;
    private IReadOnlyList<ExclusionDetail> _exclusions = [];
    private ExclusionDetail? _detail;
    private ExclusionInput _input = Empty;
    private IReadOnlyList<ValidationError> _errors = [];
    private bool _loading = true;
    private bool _editing;
    private bool _busy;
    private bool _conflict;

    private static ExclusionInput Empty => new(null, null, null);

    private string Title => Text["Exclusions.Title", Participant?.StudyId ?? ""];

    private bool ReadOnly => !CanEnterData || IsParticipantLocked;

    private IEnumerable<string> FormErrors => _errors.Where(error => Form.Find(error.Field) is null).Select(error => error.Message);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        if (!await LoadParticipantAsync())
        {
            return;
        }

        await LoadListAsync();
        _loading = false;
    }

    private async Task LoadListAsync() =>
        _exclusions = await Operations.RunAsync<IExclusionService, IReadOnlyList<ExclusionDetail>>(
            (exclusions, caller) => exclusions.ListAsync(caller, ParticipantId, Disposed));

    private void StartNew()
    {
        _detail = null;
        _input = Empty;
        ResetMessages();
        _editing = true;
    }

    private void Open(ExclusionDetail exclusion)
    {
        _detail = exclusion;
        _input = exclusion.Values;
        ResetMessages();
        _editing = true;
    }

    private void Close()
    {
        _editing = false;
        _detail = null;
        ResetMessages();
    }

    private void ResetMessages()
    {
        _errors = [];
        _conflict = false;
    }

    private async Task SaveAsync()
    {
        if (_busy)
        {
            return;
        }

        // A correction always needs a reason; a new exclusion needs none.
        var detail = _detail;
        string? reason = null;
        if (detail is not null)
        {
            reason = await ReasonDialog.AskAsync(Dialogs, Text["Exclusions.ReasonTitle"], Text["Exclusions.ReasonPrompt"]);
            if (reason is null)
            {
                return;
            }
        }

        _busy = true;
        try
        {
            var input = _input;
            var result = detail is null
                ? await Operations.RunAsync<IExclusionService, ServiceResult<ExclusionDetail>>(
                    (exclusions, caller) => exclusions.RecordAsync(caller, ParticipantId, input, Disposed))
                : await Operations.RunAsync<IExclusionService, ServiceResult<ExclusionDetail>>(
                    (exclusions, caller) => exclusions.UpdateAsync(caller, detail.Id, input, detail.Version, reason, Disposed));
            await ApplyResultAsync(result);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ApplyResultAsync(ServiceResult<ExclusionDetail> result)
    {
        _conflict = result.Failure == ServiceFailure.Conflict;
        _errors = result.Errors;
        if (result.Failure == ServiceFailure.NotFound)
        {
            Navigation.NotFound();
            return;
        }

        if (!result.Succeeded)
        {
            return;
        }

        Snackbar.Add(Text["Exclusions.Saved"], Severity.Success);
        Close();
        await LoadListAsync();
    }

    private async Task ReloadAsync()
    {
        ResetMessages();
        await LoadListAsync();
        var current = _detail is null ? null : _exclusions.FirstOrDefault(e => e.Id == _detail.Id);
        if (current is null)
        {
            Close();
            return;
        }

        Open(current);
    }

    private static string Label(string field) => CrfMessages.Label(Form, field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(error => error.Field == field)?.Message;
}
