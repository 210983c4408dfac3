using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;
using StudyEdc.Core.ReferenceStandards;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// Code of the reader-assignment page. The page lists Core's eligible readers but checks nothing itself: a wrong
/// number of readers, a reader chosen twice or a reader of another site is rejected by Core with its own message.
/// </summary>
public partial class ReaderAssignment : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly Dictionary<int, string?[]> _selections = [];
    private ParticipantDetail? _participant;
    private IReadOnlyList<LesionDetail> _lesions = [];
    private Dictionary<int, AdjudicationProgress> _progress = [];
    private Dictionary<int, IReadOnlyList<ReaderChoice>> _readers = [];
    private Dictionary<int, IReadOnlyList<string>> _errors = [];
    private bool _canAssign;
    private bool _loading = true;
    private bool _busy;

    /// <summary>The participant whose consensus lesions are listed.</summary>
    [Parameter]
    public int ParticipantId { get; set; }

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CasebookReviewResource> Text { get; set; } = default!;

    private string Title => Text["Assignment.Title", _participant?.StudyId ?? ""];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        var caller = await Operations.GetCallerAsync(_disposed.Token);
        _canAssign = caller is not null && FormStatusRules.CanEnterData(caller);
        _participant = await Operations.RunAsync<IParticipantService, ParticipantDetail?>(
            (participants, caller) => participants.GetAsync(caller, ParticipantId, _disposed.Token));
        if (_participant is not null)
        {
            await LoadAsync();
        }

        _loading = false;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task LoadAsync()
    {
        var lesions = await Operations.RunAsync<ILesionService, IReadOnlyList<LesionDetail>>(
            (service, caller) => service.ListAsync(caller, ParticipantId, _disposed.Token));
        _lesions = [.. lesions.Where(l => l.Values.ReferenceStandard == ReferenceStandardMethod.Consensus).OrderBy(l => l.Values.LesionNumber)];

        var progress = new Dictionary<int, AdjudicationProgress>();
        var readers = new Dictionary<int, IReadOnlyList<ReaderChoice>>();
        foreach (var lesion in _lesions)
        {
            var lesionId = lesion.Id;
            if (await Operations.RunAsync<IAdjudicationService, AdjudicationProgress?>(
                    (adjudication, caller) => adjudication.GetProgressAsync(caller, lesionId, _disposed.Token)) is { } found)
            {
                progress[lesionId] = found;
            }
            else if (_canAssign)
            {
                readers[lesionId] = await Operations.RunAsync<IAdjudicationService, IReadOnlyList<ReaderChoice>>(
                    (adjudication, caller) => adjudication.ListEligibleReadersAsync(caller, lesionId, _disposed.Token));
            }
        }

        _progress = progress;
        _readers = readers;
    }

    private string?[] Selection(int lesionId)
    {
        if (!_selections.TryGetValue(lesionId, out var selection))
        {
            selection = new string?[AdjudicationCase.ReadersPerCase];
            _selections[lesionId] = selection;
        }

        return selection;
    }

    private async Task AssignAsync(LesionDetail lesion)
    {
        _busy = true;
        try
        {
            var lesionId = lesion.Id;
            var readerIds = Selection(lesionId).Select(id => id ?? "").ToList();
            var result = await Operations.RunAsync<IAdjudicationService, ServiceResult<AdjudicationProgress>>(
                (adjudication, caller) => adjudication.AssignAsync(caller, lesionId, readerIds, _disposed.Token));
            var errors = new Dictionary<int, IReadOnlyList<string>>(_errors);
            if (result.Succeeded)
            {
                errors.Remove(lesionId);
                _selections.Remove(lesionId);
                Snackbar.Add(Text["Assignment.Assigned", lesion.Values.LesionNumber], Severity.Success);
            }
            else
            {
                errors[lesionId] = result.Errors.Count > 0 ? [.. result.Errors.Select(error => error.Message)] : [Text["Review.Failed"]];
            }

            _errors = errors;
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private static string ReaderText(ReaderChoice reader) =>
        string.IsNullOrWhiteSpace(reader.DisplayName) ? reader.UserName : $"{reader.DisplayName} ({reader.UserName})";
}
