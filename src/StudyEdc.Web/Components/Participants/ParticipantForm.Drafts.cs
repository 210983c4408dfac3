using System.Text.Json;
using StudyEdc.Core;
using StudyEdc.Core.Drafts;
using StudyEdc.Core.Participants;

namespace StudyEdc.Web.Components.Participants;

// Server-side drafts: every change is saved as a draft after a short pause, so a dropped circuit, a
// reconnect or an idle sign-out loses nothing. Reopening the form restores the draft.
public partial class ParticipantForm : IDisposable
{
    private int? DraftRecordId => _detail?.Id;

    private async Task RestoreDraftAsync()
    {
        var recordId = DraftRecordId;
        var json = await Operations.RunAsync<IFormDraftService, string?>(
            (drafts, caller) => drafts.GetAsync(caller, DraftFormKey, recordId, _disposed.Token));
        if (json is null)
        {
            _restoredDraft = false;
            return;
        }

        try
        {
            var draft = JsonSerializer.Deserialize<ParticipantDraft>(json);
            if (draft?.Values is not null)
            {
                _input = draft.Values;

                // A draft never moves a participant to another site, and a coordinator's site is fixed.
                if (_detail is null && _caller?.SiteId is null)
                {
                    _siteId = draft.SiteId;
                }

                _restoredDraft = true;
            }
        }
        catch (JsonException exception)
        {
            ParticipantFormLog.DraftUnreadable(Logger, exception, recordId);
        }
    }

    private void ScheduleDraftSave()
    {
        if (ReadOnly)
        {
            return;
        }

        CancelPendingDraft();
        _draftDelay = new CancellationTokenSource();
        _ = SaveDraftAfterDelayAsync(_draftDelay.Token);
    }

    private void CancelPendingDraft()
    {
        _draftDelay?.Cancel();
        _draftDelay?.Dispose();
        _draftDelay = null;
    }

    private async Task SaveDraftAfterDelayAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(DraftDelay, cancellationToken);
            await InvokeAsync(SaveDraftAsync);
        }
        catch (OperationCanceledException)
        {
            // A newer change restarted the pause, or the form was saved or closed.
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            // No caller awaits this task, so the failure is logged here. The next change tries again.
            ParticipantFormLog.DraftSaveFailed(Logger, exception, DraftRecordId);
        }
    }

    private async Task SaveDraftAsync()
    {
        var recordId = DraftRecordId;
        var json = JsonSerializer.Serialize(new ParticipantDraft(_siteId, _input));
        var result = await Operations.RunAsync<IFormDraftService, ServiceResult<DateTime>>(
            (drafts, caller) => drafts.SaveAsync(caller, DraftFormKey, recordId, json, _disposed.Token));
        if (result.Succeeded)
        {
            _draftSavedAtUtc = result.Value;
            StateHasChanged();
        }
    }

    private async Task DiscardDraftAsync()
    {
        var recordId = DraftRecordId;
        CancelPendingDraft();
        await Operations.RunAsync<IFormDraftService, bool>(async (drafts, caller) =>
        {
            await drafts.DiscardAsync(caller, DraftFormKey, recordId, _disposed.Token);
            return true;
        });
        _restoredDraft = false;
        _draftSavedAtUtc = null;
        _input = _detail?.Values ?? new ParticipantInput();
    }

    public void Dispose()
    {
        CancelPendingDraft();
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The JSON shape of a participant draft: the site chosen for a new participant and the typed values.</summary>
internal sealed record ParticipantDraft(int? SiteId, ParticipantInput Values);

internal static partial class ParticipantFormLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Participant draft for record {RecordId} is unreadable and was ignored")]
    public static partial void DraftUnreadable(ILogger logger, Exception exception, int? recordId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Saving the participant draft for record {RecordId} failed")]
    public static partial void DraftSaveFailed(ILogger logger, Exception exception, int? recordId);
}
