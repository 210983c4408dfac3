using Microsoft.AspNetCore.Components;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Drafts;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Sites;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Participants;

/// <summary>
/// The participant CRF: enrolment of a new participant and editing of an existing one, with server-side
/// drafts of unsaved input, server validation shown at the fields and the status buttons of the caller's role.
/// </summary>
public partial class ParticipantForm
{
    internal const string DraftFormKey = "participant";

    /// <summary>Field name of the site choice in validation errors; the other fields use ParticipantInput's names.</summary>
    private const string SiteField = "SiteId";

    private readonly CancellationTokenSource _disposed = new();
    private CancellationTokenSource? _draftDelay;
    private StudyCaller? _caller;
    private ParticipantDetail? _detail;
    private ParticipantInput _input = new();

    // Site chosen for a new participant by a user of an all-site role; ignored for existing participants.
    private int? _siteId;
    private IReadOnlyList<SiteSummary> _sites = [];
    private IReadOnlyList<FormStatus> _allowedStatuses = [];
    private IReadOnlyList<ValidationError> _errors = [];
    private DateTime? _draftSavedAtUtc;
    private bool _loading = true;
    private bool _busy;
    private bool _conflict;
    private bool _restoredDraft;
    private IReadOnlySet<string> _queriedFields = new HashSet<string>();

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private ILogger<ParticipantForm> Logger { get; set; } = default!;

    /// <summary>The participant to edit; null on the enrolment page.</summary>
    [Parameter]
    public int? ParticipantId { get; set; }

    /// <summary>How long the form waits after the last change before it saves a draft. Default 1.5 s.</summary>
    [Parameter]
    public TimeSpan DraftDelay { get; set; } = TimeSpan.FromSeconds(1.5);

    private string Title => _detail is null ? L["Participants.New"] : L["Participant.Title", _detail.StudyId];

    private bool ReadOnly => _detail?.Status is FormStatus.Verified or FormStatus.Locked
        || (_caller is not null && !FormStatusRules.CanEnterData(_caller));

    private IEnumerable<string> FormErrors => _errors
        .Where(error => !IsFieldShown(error.Field))
        .Select(error => error.Message);

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _caller = await Operations.GetCallerAsync(_disposed.Token);
        if (_caller is null)
        {
            Navigation.NavigateTo(AccountPaths.Login, forceLoad: true);
            return;
        }

        _sites = await Operations.RunAsync<ISiteService, IReadOnlyList<SiteSummary>>((sites, caller) => sites.ListAsync(caller, _disposed.Token));
        if (ParticipantId is int id)
        {
            _detail = await Operations.RunAsync<IParticipantService, ParticipantDetail?>((participants, caller) => participants.GetAsync(caller, id, _disposed.Token));
            if (_detail is null)
            {
                // Another site's participant is reported exactly like a missing one.
                Navigation.NotFound();
                return;
            }

            _input = _detail.Values;
            _allowedStatuses = FormStatusRules.AllowedFor(_caller, _detail.Status);
        }
        else
        {
            _input = new ParticipantInput();
            _siteId = _caller.SiteId;
        }

        await RestoreDraftAsync();
        _loading = false;
    }

    private static string FieldLabel(string propertyName) => CoreMessages.FieldLabel(propertyName);

    private void OnQueriedFieldsChanged(IReadOnlySet<string> fields) => _queriedFields = fields;

    private bool IsQueried(string field) => _queriedFields.Contains(field);

    private bool HasError(string field) => _errors.Any(error => error.Field == field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(error => error.Field == field)?.Message;

    private static bool IsFieldShown(string field) => field is SiteField
        or nameof(ParticipantInput.Age) or nameof(ParticipantInput.Sex) or nameof(ParticipantInput.CtExamDate)
        or nameof(ParticipantInput.NoPriorLiverTreatment) or nameof(ParticipantInput.ReferenceStandardConfirmed)
        or nameof(ParticipantInput.PoorImageQuality) or nameof(ParticipantInput.PreviousSurgery)
        or nameof(ParticipantInput.DetectionBoxMismatch) or nameof(ParticipantInput.ArterialOrPortalPhaseMissing);

    private void OnSiteChanged(int? siteId)
    {
        _siteId = siteId;
        ScheduleDraftSave();
    }

    private void OnAgeChanged(int? age) => OnInputChanged(_input with { Age = age });

    private void OnSexChanged(Sex? sex) => OnInputChanged(_input with { Sex = sex });

    // MudDatePicker binds a DateTime; the CRF stores the date only.
    private void OnCtExamDateChanged(DateTime? date) =>
        OnInputChanged(_input with { CtExamDate = date is { } value ? DateOnly.FromDateTime(value) : null });

    private void OnInputChanged(ParticipantInput input)
    {
        _input = input;
        ScheduleDraftSave();
    }

    private async Task SaveAsync()
    {
        if (_caller is null || _busy)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = _detail is null ? await CreateAsync() : await UpdateAsync();
            if (result is not null)
            {
                await ApplyResultAsync(result, L["Participant.Saved"]);
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task<ServiceResult<ParticipantDetail>?> CreateAsync()
    {
        if (_siteId is not int siteId)
        {
            _errors = [new ValidationError(SiteField, "SiteRequired", L["Participant.SiteRequired"])];
            return null;
        }

        var input = _input;
        return await Operations.RunAsync<IParticipantService, ServiceResult<ParticipantDetail>>(
            (participants, caller) => participants.CreateAsync(caller, siteId, input, _disposed.Token));
    }

    private async Task<ServiceResult<ParticipantDetail>?> UpdateAsync()
    {
        var detail = _detail!;
        string? reason = null;
        if (detail.Status != FormStatus.Draft)
        {
            reason = await ReasonDialog.AskAsync(Dialogs, L["Reason.Title"], L["Reason.ChangeCompleteForm"]);
            if (reason is null)
            {
                return null;
            }
        }

        var input = _input;
        return await Operations.RunAsync<IParticipantService, ServiceResult<ParticipantDetail>>(
            (participants, caller) => participants.UpdateAsync(caller, detail.Id, input, detail.Version, reason, _disposed.Token));
    }

    private async Task ChangeStatusAsync(FormStatus target)
    {
        if (_detail is null || _busy)
        {
            return;
        }

        var detail = _detail;
        string? reason = null;
        if (FormStatusRules.Find(detail.Status, target) is { ReasonRequired: true })
        {
            reason = await ReasonDialog.AskAsync(Dialogs, L["Reason.Title"], L["Participant.MoveTo", ParticipantText.Status(target)]);
            if (reason is null)
            {
                return;
            }
        }

        _busy = true;
        try
        {
            var result = await Operations.RunAsync<IParticipantService, ServiceResult<ParticipantDetail>>(
                (participants, caller) => participants.ChangeStatusAsync(caller, detail.Id, target, detail.Version, reason, _disposed.Token));
            await ApplyResultAsync(result, L["Participant.StatusChanged", ParticipantText.Status(target)]);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ApplyResultAsync(ServiceResult<ParticipantDetail> result, string successMessage)
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

        var wasNew = _detail is null;
        CancelPendingDraft();
        await Operations.RunAsync<IFormDraftService, bool>(async (drafts, caller) =>
        {
            await drafts.DiscardAsync(caller, DraftFormKey, wasNew ? null : result.Value.Id, _disposed.Token);
            return true;
        });
        _restoredDraft = false;
        _draftSavedAtUtc = null;
        Snackbar.Add(successMessage, Severity.Success);

        if (wasNew)
        {
            Navigation.NavigateTo($"/participants/{result.Value.Id}");
            return;
        }

        _detail = result.Value;
        _input = _detail.Values;
        _allowedStatuses = FormStatusRules.AllowedFor(_caller!, _detail.Status);
    }

    private async Task ReloadAsync()
    {
        _conflict = false;
        _errors = [];
        CancelPendingDraft();
        await DiscardDraftAsync();
        await OnParametersSetAsync();
    }
}
