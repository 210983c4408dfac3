using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Clinical;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The clinical CRF page: creates the participant's one clinical CRF on the first save and edits it afterwards,
/// asking for a reason once the form is past draft. Locked forms and roles that do not enter data see it read-only.
/// </summary>
public partial class Clinical : CasebookPage
{
    private static readonly FormDefinition Form = CrfForms.Clinical;
    private ClinicalCrfDetail? _detail;
    private ClinicalCrfInput _input = new();
    private IReadOnlyList<ValidationError> _errors = [];
    private bool _loading = true;
    private bool _busy;
    private bool _conflict;
    private IReadOnlySet<string> _queriedFields = new HashSet<string>();

    private string Title => Text["Clinical.Title", Participant?.StudyId ?? ""];

    private bool IsLocked => IsParticipantLocked || _detail?.Status == FormStatus.Locked;

    private bool ReadOnly => !CanEnterData || IsLocked;

    private string ReadOnlyText => IsLocked ? Text["Clinical.Locked"] : Text["Clinical.ReadOnlyRole"];

    private bool ShowsReasonForCtOther => _input.ReasonForCt == CtIndication.Other || _input.ReasonForCtOther is not null;

    // The converted AFP of the saved form; empty until a value and unit are saved.
    private string AfpConverted => _detail?.AfpNgPerMl?.ToString("0.###", CultureInfo.CurrentCulture) ?? "";

    // Errors of fields not shown (or of no field, such as a missing reason) are listed above the form.
    private IEnumerable<string> FormErrors => _errors.Where(error => !IsFieldShown(error.Field)).Select(error => error.Message);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        if (!await LoadParticipantAsync())
        {
            return;
        }

        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        _detail = await Operations.RunAsync<IClinicalCrfService, ClinicalCrfDetail?>(
            (clinical, caller) => clinical.GetAsync(caller, ParticipantId, Disposed));
        _input = _detail?.Values ?? new ClinicalCrfInput();
    }

    private void OnChanged(ClinicalCrfInput input) => _input = input;

    private async Task SaveAsync()
    {
        if (_busy)
        {
            return;
        }

        var detail = _detail;
        string? reason = null;
        if (detail is not null && detail.Status != FormStatus.Draft)
        {
            reason = await ReasonDialog.AskAsync(Dialogs, Text["Clinical.ReasonTitle"], Text["Clinical.ReasonPrompt", CoreMessages.StatusName(detail.Status)]);
            if (reason is null)
            {
                return;
            }
        }

        _busy = true;
        try
        {
            var input = _input;
            var result = await Operations.RunAsync<IClinicalCrfService, ServiceResult<ClinicalCrfDetail>>(
                (clinical, caller) => clinical.SaveAsync(caller, ParticipantId, input, detail?.Version, reason, Disposed));
            ApplyResult(result);
        }
        finally
        {
            _busy = false;
        }
    }

    private void ApplyResult(ServiceResult<ClinicalCrfDetail> result)
    {
        _conflict = result.Failure == ServiceFailure.Conflict;
        _errors = result.Errors;
        if (result.Failure == ServiceFailure.NotFound)
        {
            Navigation.NotFound();
            return;
        }

        if (!result.Succeeded || result.Value is null)
        {
            return;
        }

        Snackbar.Add(Text["Clinical.Saved"], Severity.Success);
        _detail = result.Value;
        _input = result.Value.Values;
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        _errors = [];
        await LoadAsync();
    }

    private void OnQueriedFieldsChanged(IReadOnlySet<string> fields) => _queriedFields = fields;

    private bool IsQueried(string field) => _queriedFields.Contains(field);

    private static string Label(string field) => CrfMessages.Label(Form, field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(error => error.Field == field)?.Message;

    private bool IsFieldShown(string field) => field == nameof(ClinicalCrfInput.ReasonForCtOther)
        ? ShowsReasonForCtOther
        : field != nameof(ClinicalCrf.AfpNgPerMl) && Form.Find(field) is not null;
}
