using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Web.Components.Shared;
using StudyEdc.Web.Endpoints;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Imaging;

/// <summary>
/// A participant's images: upload with progress and a result per file, the series with their phase hints and the
/// coordinator's phase confirmation, the model runs with their status (refreshed while one is pending), the
/// lesion-to-detection matching, and the viewer.
/// </summary>
public partial class ImagingPage
{
    private static readonly JsonSerializerOptions ReportJson = new(JsonSerializerDefaults.Web);

    private readonly List<string> _uploadErrors = [];
    private readonly List<string> _phaseErrors = [];
    private ElementReference _filesInput;
    private ElementReference _folderInput;
    private Task<IJSObjectReference>? _module;
    private DotNetObjectReference<ImagingPage>? _self;
    private PeriodicTimer? _refreshTimer;
    private bool _loading = true;
    private bool _canUpload;
    private bool _canRemove;
    private bool _uploading;
    private int _uploadPercent;
    private string _studyId = "";
    private ImagingExamDetail? _exam;
    private ImagingUploadReport? _report;
    private IReadOnlyList<LesionMatch> _matches = [];
    private int? _arterialId;
    private int? _portalVenousId;

    [Parameter]
    public int ParticipantId { get; set; }

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var participant = await Operations.RunAsync<IImagingService, ImagingParticipant?>((service, caller) => service.GetParticipantAsync(caller, ParticipantId));
        if (participant is null)
        {
            Navigation.NavigateTo("/not-found");
            return;
        }

        _studyId = participant.StudyId;
        var caller = await Operations.GetCallerAsync();
        _canUpload = caller is not null && (caller.IsInRole(StudyRoles.SiteCoordinator) || caller.IsInRole(StudyRoles.PrincipalInvestigator) || caller.IsInRole(StudyRoles.Administrator));
        _canRemove = caller is not null && (caller.IsInRole(StudyRoles.SiteCoordinator) || caller.IsInRole(StudyRoles.Administrator));
        await ReloadAsync();
        _loading = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await ModuleAsync();
            _refreshTimer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            _ = RefreshWhilePendingAsync(_refreshTimer);
        }
    }

    [JSInvokable]
    public async Task OnUploadProgress(int percent)
    {
        _uploadPercent = percent;
        await InvokeAsync(StateHasChanged);
    }

    [JSInvokable]
    public async Task OnUploadCompleted(int status, string body)
    {
        _uploading = false;
        _uploadErrors.Clear();
        if (status == 200)
        {
            _report = JsonSerializer.Deserialize<ImagingUploadReport>(body, ReportJson);
        }
        else
        {
            _uploadErrors.Add(ErrorsFrom(body) is { Count: > 0 } errors
                ? string.Join(" ", errors)
                : T["Upload.Failed", status.ToString(CultureInfo.InvariantCulture)]);
        }

        await ReloadAsync();
        await InvokeAsync(StateHasChanged);
    }

    /// <summary>
    /// Returns the page's script module, importing it once. A click can arrive before the import started after the
    /// first render has finished (on a slow connection), so the upload waits for the same import.
    /// </summary>
    private Task<IJSObjectReference> ModuleAsync()
    {
        _self ??= DotNetObjectReference.Create(this);
        return _module ??= JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Imaging/ImagingPage.razor.js").AsTask();
    }

    private async Task StartUploadAsync()
    {
        _uploadErrors.Clear();
        _report = null;
        _uploadPercent = 0;
        var module = await ModuleAsync();
        var started = await module.InvokeAsync<bool>("upload", _filesInput, _folderInput, ImagingEndpoints.UploadUrl(ParticipantId), _self);
        if (!started)
        {
            _uploadErrors.Add(T["Upload.NothingChosen"]);
            return;
        }

        _uploading = true;
    }

    private async Task ConfirmPhasesAsync()
    {
        _phaseErrors.Clear();
        var result = await Operations.RunAsync<IImagingService, Core.ServiceResult<ImagingExamDetail>>(
            (service, caller) => service.ConfirmPhasesAsync(caller, ParticipantId, _arterialId, _portalVenousId, _exam!.Version));
        if (!result.Succeeded)
        {
            _phaseErrors.AddRange(result.Errors.Select(e => e.Message));
        }

        await ReloadAsync();
    }

    private async Task RemoveSeriesAsync(ImagingSeriesSummary series)
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, T["Series.Remove"], T["Series.RemovePrompt", series.SeriesDescription ?? series.SeriesInstanceUid, series.SliceCount]);
        if (reason is null)
        {
            return;
        }

        _phaseErrors.Clear();
        var result = await Operations.RunAsync<IImagingService, Core.ServiceResult<ImagingExamDetail>>(
            (service, caller) => service.RemoveSeriesAsync(caller, series.Id, reason, _exam!.Version));
        _phaseErrors.AddRange(result.Errors.Select(e => e.Message));
        await ReloadAsync();
    }

    private async Task RerunAsync()
    {
        _phaseErrors.Clear();
        var result = await Operations.RunAsync<IImagingService, Core.ServiceResult<InferenceJobSummary>>(
            (service, caller) => service.RequeueInferenceAsync(caller, ParticipantId));
        _phaseErrors.AddRange(result.Errors.Select(e => e.Message));
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _exam = await Operations.RunAsync<IImagingService, ImagingExamDetail?>((service, caller) => service.GetExamAsync(caller, ParticipantId));
        _arterialId = _exam?.Arterial?.Id ?? _exam?.Series.FirstOrDefault(s => s.PhaseHint == "Arterial")?.Id;
        _portalVenousId = _exam?.PortalVenous?.Id ?? _exam?.Series.FirstOrDefault(s => s.PhaseHint == "PortalVenous")?.Id;
        _matches = await Operations.RunAsync<LesionDetectionMatching, IReadOnlyList<LesionMatch>>((service, caller) => service.MatchAsync(caller, ParticipantId));
    }

    /// <summary>Reloads the exam every few seconds while a job is queued or running, so its progress shows.</summary>
    private async Task RefreshWhilePendingAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync())
            {
                if (_exam?.Jobs.Any(j => j.Status is InferenceJobStatus.Queued or InferenceJobStatus.Running) == true)
                {
                    await InvokeAsync(async () =>
                    {
                        await ReloadAsync();
                        StateHasChanged();
                    });
                }
            }
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while a refresh was due.
        }
    }

    private static string SeriesLabel(ImagingSeriesSummary series) =>
        $"{series.SeriesNumber} {series.SeriesDescription} ({series.SliceCount.ToString(CultureInfo.CurrentCulture)})";

    private static string OutcomeText(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Stored => Core.Resources.ImagingMessages.Get("StatusStored"),
        IngestOutcome.Duplicate => Core.Resources.ImagingMessages.Get("StatusDuplicate"),
        _ => Core.Resources.ImagingMessages.Get("StatusRejected"),
    };

    private static Color OutcomeColor(IngestOutcome outcome) => outcome switch
    {
        IngestOutcome.Stored => Color.Success,
        IngestOutcome.Duplicate => Color.Info,
        _ => Color.Error,
    };

    private string MatchText(LesionMatch match) =>
        !match.HasBox ? T["Matching.NoBox", match.LesionNumber]
        : match.IsFlagged ? T["Matching.Flagged", match.LesionNumber]
        : T["Matching.Matched", match.LesionNumber, match.Iou ?? 0, match.CentreDistanceMm ?? 0, match.DetectionScore ?? 0];

    private static List<string> ErrorsFrom(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("errors", out var errors)
                ? errors.EnumerateArray().Select(e => e.GetProperty("message").GetString() ?? "").ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        _refreshTimer?.Dispose();
        _self?.Dispose();
        await JsModules.DisposeQuietlyAsync(_module is { IsCompletedSuccessfully: true } loaded ? loaded.Result : null);

        GC.SuppressFinalize(this);
    }
}
