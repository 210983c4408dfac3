using Microsoft.AspNetCore.Components;
using MudBlazor;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// Base of the data-entry pages of one participant's casebook: the signed-in caller, the participant loaded within
/// the caller's scope, and the services the pages share.
/// </summary>
public abstract class CasebookPage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();

    /// <summary>The participant whose casebook page is shown.</summary>
    [Parameter]
    public int ParticipantId { get; set; }

    [Inject]
    private protected StudyOperations Operations { get; set; } = default!;

    [Inject]
    private protected NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private protected IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private protected ISnackbar Snackbar { get; set; } = default!;

    private protected StudyCaller? Caller { get; private set; }

    private protected ParticipantDetail? Participant { get; private set; }

    /// <summary>Cancelled when the page is disposed.</summary>
    private protected CancellationToken Disposed => _disposed.Token;

    private protected bool CanEnterData => Caller is not null && FormStatusRules.CanEnterData(Caller);

    private protected bool IsParticipantLocked => Participant?.Status == FormStatus.Locked;

    /// <summary>
    /// Loads the caller and the participant. Returns false after sending a signed-out user to the sign-in page or
    /// showing not found, so the page stops loading.
    /// </summary>
    private protected async Task<bool> LoadParticipantAsync()
    {
        Caller = await Operations.GetCallerAsync(Disposed);
        if (Caller is null)
        {
            Navigation.NavigateTo(AccountPaths.Login, forceLoad: true);
            return false;
        }

        Participant = await Operations.RunAsync<IParticipantService, ParticipantDetail?>(
            (participants, caller) => participants.GetAsync(caller, ParticipantId, Disposed));
        if (Participant is null)
        {
            // Another site's participant is reported exactly like a missing one.
            Navigation.NotFound();
            return false;
        }

        return true;
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _disposed.Cancel();
            _disposed.Dispose();
        }
    }
}
