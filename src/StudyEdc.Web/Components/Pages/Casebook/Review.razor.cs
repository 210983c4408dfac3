using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Core.Signatures;
using StudyEdc.Core.Verification;
using StudyEdc.Web.Components.Participants;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// Code of the casebook review page. Each action calls one Core method and then reloads the forms and signatures,
/// because a status change, a lock or a data change elsewhere can change all of them.
/// </summary>
public partial class Review : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private StudyCaller? _caller;
    private ParticipantDetail? _participant;
    private IReadOnlyList<CasebookForm> _forms = [];
    private IReadOnlyList<SignatureView> _signatures = [];
    private IReadOnlyList<string> _errors = [];
    private string? _meaning;
    private string? _reason;
    private string? _password;
    private bool _loading = true;
    private bool _busy;

    /// <summary>The participant whose casebook is reviewed.</summary>
    [Parameter]
    public int ParticipantId { get; set; }

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CasebookReviewResource> Text { get; set; } = default!;

    private string Title => Text["Review.Title", _participant?.StudyId ?? ""];

    private bool IsMonitor => _caller?.IsInRole(StudyRoles.Monitor) == true;

    private bool IsPrincipalInvestigator => _caller?.IsInRole(StudyRoles.PrincipalInvestigator) == true;

    private bool CanLock => _caller is not null && (_caller.IsInRole(StudyRoles.PrincipalInvestigator) || _caller.IsInRole(StudyRoles.Administrator));

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _caller = await Operations.GetCallerAsync(_disposed.Token);
        _participant = await Operations.RunAsync<IParticipantService, ParticipantDetail?>(
            (participants, caller) => participants.GetAsync(caller, ParticipantId, _disposed.Token));
        if (_participant is not null)
        {
            await ReloadAsync();
            _meaning = await Operations.RunAsync<ISignatureService, string?>(
                (signatures, caller) => signatures.GetMeaningAsync(caller, ParticipantId, _disposed.Token));
        }

        _loading = false;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task ReloadAsync()
    {
        _forms = await Operations.RunAsync<ICrfStatusService, IReadOnlyList<CasebookForm>>(
            (status, caller) => status.ListFormsAsync(caller, ParticipantId, _disposed.Token));
        _signatures = await Operations.RunAsync<ISignatureService, IReadOnlyList<SignatureView>>(
            (signatures, caller) => signatures.ListAsync(caller, ParticipantId, _disposed.Token));
    }

    /// <summary>
    /// The status changes the caller may make to one form: complete or reopen a draft, verify or withdraw a
    /// verification. Locking and unlocking act on the whole casebook in the lock panel.
    /// </summary>
    private IEnumerable<FormStatus> StatusTargets(CasebookForm form) =>
        _caller is null
            ? []
            : FormStatusRules.AllowedFor(_caller, form.Status).Where(target => target != FormStatus.Locked && form.Status != FormStatus.Locked);

    private string StatusActionText(FormStatus from, FormStatus target) => (from, target) switch
    {
        (FormStatus.Draft, FormStatus.Complete) => Text["Review.Complete"],
        (FormStatus.Complete, FormStatus.Draft) => Text["Review.Reopen"],
        (FormStatus.Complete, FormStatus.Verified) => Text["Review.Verify"],
        _ => Text["Review.Unverify"],
    };

    private Task ChangeStatusAsync(CasebookForm form, FormStatus target) => RunAsync(async () =>
    {
        var reason = string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim();
        var result = await Operations.RunAsync<ICrfStatusService, ServiceResult<CasebookForm>>(
            (status, caller) => status.ChangeStatusAsync(caller, form.FormKey, form.RecordId, target, form.Version, reason, _disposed.Token));
        return Outcome(result.Failure, result.Errors, Text["Review.StatusChanged", FormName(form), CrfMessages.Choice(target)]);
    });

    private Task LockAsync() => RunAsync(async () =>
    {
        var result = await Operations.RunAsync<ICrfStatusService, ServiceResult<IReadOnlyList<CasebookForm>>>(
            (status, caller) => status.LockCasebookAsync(caller, ParticipantId, _reason, _disposed.Token));
        return Outcome(result.Failure, result.Errors, Text["Review.LockedDone"]);
    });

    private Task UnlockAsync() => RunAsync(async () =>
    {
        var result = await Operations.RunAsync<ICrfStatusService, ServiceResult<IReadOnlyList<CasebookForm>>>(
            (status, caller) => status.UnlockCasebookAsync(caller, ParticipantId, _reason, _disposed.Token));
        return Outcome(result.Failure, result.Errors, Text["Review.UnlockedDone"]);
    });

    private Task SignAsync() => RunAsync(async () =>
    {
        var password = _password ?? "";
        var result = await Operations.RunAsync<ISignatureService, ServiceResult<SignatureView>>(
            (signatures, caller) => signatures.SignAsync(caller, ParticipantId, password, _disposed.Token));

        // The typed password is cleared after every attempt, whatever its outcome.
        _password = null;
        return Outcome(result.Failure, result.Errors, Text["Review.Signed"]);
    });

    /// <summary>Runs one action, shows its errors or its success message, and reloads the casebook's state.</summary>
    private async Task RunAsync(Func<Task<string?>> action)
    {
        _busy = true;
        _errors = [];
        try
        {
            var success = await action();
            if (success is not null)
            {
                Snackbar.Add(success, Severity.Success);
                _reason = null;
            }

            await ReloadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Returns the success message, or null after storing the failure's messages in <see cref="_errors"/>.</summary>
    private string? Outcome(ServiceFailure failure, IReadOnlyList<ValidationError> errors, string success)
    {
        if (failure == ServiceFailure.None)
        {
            return success;
        }

        _errors = failure switch
        {
            ServiceFailure.Conflict => [Text["Review.Conflict"]],
            _ when errors.Count > 0 => [.. errors.Select(error => error.Message)],
            _ => [Text["Review.Failed"]],
        };
        return null;
    }

    private static string FormName(CasebookForm form)
    {
        var label = CrfForms.Find(form.FormKey)?.Label(CultureInfo.CurrentUICulture) ?? form.FormKey;
        return form.Number is { } number ? string.Create(CultureInfo.CurrentCulture, $"{label} {number}") : label;
    }

    private static string FormId(CasebookForm form) => string.Create(CultureInfo.InvariantCulture, $"{form.FormKey}-{form.RecordId}");

    // Shows the form and field labels in the reader's language. An entity type that no CRF declares keeps its audited name.
    private string VoidedText(SignatureVoidingChange change) =>
        Text[
            "Review.VoidedBy",
            change.UserName,
            StudyDates.Format(change.TimestampUtc),
            AuditValueText.FormOf(change.EntityType)?.Label(CultureInfo.CurrentUICulture) ?? change.EntityType,
            change.EntityId,
            change.Field is null ? "-" : AuditValueText.FieldLabel(change.EntityType, change.Field)];
}
