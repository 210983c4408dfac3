using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using StudyEdc.Core;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Core.Lesions;
using StudyEdc.Web.Identity;

namespace StudyEdc.Web.Components.Pages.Imaging;

/// <summary>
/// Viewer of either phase with the window presets, its slices rendered as PNG on the server. The model's
/// detections are drawn as a second layer with their scores The exam carries none for radiologists,
/// whose reads are blinded. The user draws the in-plane lesion box and sets the slice range, which are saved to the lesion CRF.
/// </summary>
public partial class ImagingViewer : IAsyncDisposable
{
    private readonly List<string> _messages = [];
    private ElementReference _image;
    private IJSObjectReference? _module;
    private DotNetObjectReference<ImagingViewer>? _self;
    private bool _drawingEnabled;
    private int _seriesId;
    private int _slice;
    private string _window = "abdomen";
    private bool _showDetections = true;
    private IReadOnlyList<LesionDetail> _lesions = [];
    private int _lesionId;
    private PixelBox? _drawn;
    private int _firstSlice;
    private int _lastSlice;
    private string? _reason;
    private bool _saved;

    /// <summary>The exam to show; required.</summary>
    [Parameter, EditorRequired]
    public ImagingExamDetail Exam { get; set; } = default!;

    [Parameter, EditorRequired]
    public int ParticipantId { get; set; }

    /// <summary>Raised after a lesion box was saved, so the page can refresh the matching.</summary>
    [Parameter]
    public EventCallback OnLesionSaved { get; set; }

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    private ImagingSeriesSummary? Current => Exam.Series.FirstOrDefault(s => s.Id == _seriesId);

    private int NextLesionNumber => _lesions.Count == 0 ? 1 : _lesions.Max(l => l.Values.LesionNumber) + 1;

    protected override async Task OnParametersSetAsync()
    {
        if (Current is null)
        {
            _seriesId = (Exam.PortalVenous ?? Exam.Arterial ?? (Exam.Series.Count > 0 ? Exam.Series[0] : null))?.Id ?? 0;
            _slice = (Current?.SliceCount ?? 1) / 2;
        }

        _lesions = await Operations.RunAsync<ILesionService, IReadOnlyList<LesionDetail>>((service, caller) => service.ListAsync(caller, ParticipantId));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_drawingEnabled && Current is not null)
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Pages/Imaging/ImagingPage.razor.js");
            _self ??= DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("enableBoxDrawing", _image, _self);
            _drawingEnabled = true;
        }
    }

    [JSInvokable]
    public async Task OnBoxDrawn(int x, int y, int width, int height)
    {
        _drawn = new PixelBox(x, y, width, height);
        _firstSlice = _lastSlice = _slice;
        await InvokeAsync(StateHasChanged);
    }

    private Task OnSeriesChangedAsync(int seriesId)
    {
        _seriesId = seriesId;
        _slice = Math.Min(_slice, (Current?.SliceCount ?? 1) - 1);
        _drawn = null;
        return Task.CompletedTask;
    }

    private async Task SaveBoxAsync()
    {
        if (_drawn is not { } box || Current is not { } series)
        {
            return;
        }

        _messages.Clear();
        var existing = _lesions.FirstOrDefault(l => l.Id == _lesionId);
        var values = (existing?.Values ?? new LesionInput { LesionNumber = NextLesionNumber }) with
        {
            SeriesInstanceUid = series.SeriesInstanceUid,
            BoxX = box.X,
            BoxY = box.Y,
            BoxWidth = box.Width,
            BoxHeight = box.Height,
            FirstSlice = Math.Min(_firstSlice, _lastSlice),
            LastSlice = Math.Max(_firstSlice, _lastSlice),
        };
        var result = await Operations.RunAsync<ILesionService, ServiceResult<LesionDetail>>((service, caller) => existing is null
            ? service.CreateAsync(caller, ParticipantId, values)
            : service.UpdateAsync(caller, existing.Id, values, existing.Version, _reason));
        _saved = result.Succeeded;
        _messages.AddRange(result.Succeeded ? [T["Box.Saved"]] : result.Errors.Select(e => e.Message));
        if (result.Succeeded)
        {
            _lesionId = result.Value!.Id;
            _lesions = await Operations.RunAsync<ILesionService, IReadOnlyList<LesionDetail>>((service, caller) => service.ListAsync(caller, ParticipantId));
            await OnLesionSaved.InvokeAsync();
        }
    }

    /// <summary>The detections whose slice range in this series' phase contains the current slice, with their labels.</summary>
    private IEnumerable<(PixelBox Box, string Label)> DetectionsOnSlice(ImagingSeriesSummary series)
    {
        foreach (var prediction in Exam.Predictions)
        {
            var range = RangeIn(series, prediction);
            if (range is null || _slice < Math.Round(range.K0) || _slice > Math.Round(range.K1))
            {
                continue;
            }

            var box = new PixelBox((int)Math.Round(range.I0), (int)Math.Round(range.J0),
                (int)Math.Round(range.I1 - range.I0) + 1, (int)Math.Round(range.J1 - range.J0) + 1);
            yield return (box, T["Detection.Label", prediction.Score, prediction.Malignancy]);
        }
    }

    /// <summary>Each detection's label and the slice of this series at its centre, for jumping to it.</summary>
    private IEnumerable<(string Label, int CentreSlice)> DetectionCentres(ImagingSeriesSummary series)
    {
        foreach (var prediction in Exam.Predictions)
        {
            if (RangeIn(series, prediction) is { } range)
            {
                var centre = (int)Math.Round((range.K0 + range.K1) / 2);
                yield return (T["Detection.Label", prediction.Score, prediction.Malignancy], Math.Clamp(centre, 0, series.SliceCount - 1));
            }
        }
    }

    /// <summary>The detection's box in the voxel indices of the series' confirmed phase; null for an unconfirmed series.</summary>
    private static VoxelRange? RangeIn(ImagingSeriesSummary series, PredictionSummary prediction) => series.ConfirmedPhase switch
    {
        ConfirmedPhase.Arterial => prediction.Arterial,
        ConfirmedPhase.PortalVenous => prediction.PortalVenous,
        _ => null,
    };

    /// <summary>Places a box over the image in percent of its size, so it follows the image's scaling.</summary>
    private static string OverlayStyle(PixelBox box, ImagingSeriesSummary series, string colour) => string.Create(CultureInfo.InvariantCulture,
        $"position: absolute; pointer-events: none; border: 2px solid {colour}; left: {100.0 * box.X / series.Columns:0.###}%; top: {100.0 * box.Y / series.Rows:0.###}%; width: {100.0 * box.Width / series.Columns:0.###}%; height: {100.0 * box.Height / series.Rows:0.###}%;");

    private static string SeriesLabel(ImagingSeriesSummary series) =>
        $"{series.ConfirmedPhase?.ToString() ?? series.PhaseHint} · {series.SeriesDescription} ({series.SliceCount.ToString(CultureInfo.CurrentCulture)})";

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        await JsModules.DisposeQuietlyAsync(_module);

        GC.SuppressFinalize(this);
    }

    /// <summary>An in-plane box in image pixels: left column, top row, width and height.</summary>
    private readonly record struct PixelBox(int X, int Y, int Width, int Height);
}
