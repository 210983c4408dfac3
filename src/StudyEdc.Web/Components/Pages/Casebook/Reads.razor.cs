using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using StudyEdc.Core;
using StudyEdc.Core.Adjudication;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Pages.Casebook;

/// <summary>
/// The radiologist's work list of assigned lesions and the blinded read form. Opening a read calls Core's
/// OpenReadAsync, which starts the server's reading-time clock, so the page does not measure time itself.
/// </summary>
public partial class Reads : IDisposable
{
    private static readonly FormDefinition Form = CrfForms.Get(CrfForms.ReaderReadKey);
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ReadTask> _reads = [];
    private ReadTask? _current;
    private ReadInput _input = new(null, null, null);
    private IReadOnlyList<ValidationError> _errors = [];
    private bool _loading = true;
    private bool _busy;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IStringLocalizer<CasebookResource> Text { get; set; } = default!;

    private bool ReadOnly => _current?.SubmittedAtUtc is not null;

    // Errors without a field of the form (a read already submitted, say) are listed above the fields.
    private IEnumerable<string> FormErrors => _errors.Where(error => Form.Find(error.Field) is null).Select(error => error.Message);

    protected override async Task OnInitializedAsync()
    {
        await LoadListAsync();
        _loading = false;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task LoadListAsync() =>
        _reads = await Operations.RunAsync<IAdjudicationService, IReadOnlyList<ReadTask>>(
            (adjudication, caller) => adjudication.ListMyReadsAsync(caller, _disposed.Token));

    private async Task OpenAsync(ReadTask read)
    {
        _errors = [];
        var result = await Operations.RunAsync<IAdjudicationService, ServiceResult<ReadTask>>(
            (adjudication, caller) => adjudication.OpenReadAsync(caller, read.ReadId, _disposed.Token));
        if (!result.Succeeded || result.Value is null)
        {
            _current = null;
            Snackbar.Add(Text["Reads.NotAvailable"], Severity.Error);
            await LoadListAsync();
            return;
        }

        _current = result.Value;
        _input = new ReadInput(_current.Nature, _current.LiRadsCategory, _current.Confidence);
    }

    private async Task SubmitAsync()
    {
        if (_current is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var readId = _current.ReadId;
            var result = await Operations.RunAsync<IAdjudicationService, ServiceResult<ReadTask>>(
                (adjudication, caller) => adjudication.SubmitReadAsync(caller, readId, _input, _disposed.Token));
            _errors = result.Failure switch
            {
                ServiceFailure.NotFound => [new ValidationError("", "NotFound", Text["Reads.NotAvailable"])],
                ServiceFailure.Forbidden when result.Errors.Count == 0 => [new ValidationError("", "Forbidden", Text["Reads.Forbidden"])],
                _ => result.Errors,
            };
            if (!result.Succeeded || result.Value is null)
            {
                return;
            }

            Snackbar.Add(Text["Reads.Saved"], Severity.Success);
            _current = result.Value;
            await LoadListAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private void Close()
    {
        _current = null;
        _errors = [];
    }

    private static string Label(string field) => CrfMessages.Label(Form, field);

    private static string ChoiceText<TEnum>(TEnum? value)
        where TEnum : struct, Enum => value is { } chosen ? CrfMessages.Choice(chosen) : "";

    // Slices are stored from 0 and shown from 1, as the viewer's "slice N of M" counts them.
    private static string SliceText(ReadTask read) => (read.FirstSlice, read.LastSlice) switch
    {
        ({ } first, { } last) => string.Create(CultureInfo.CurrentCulture, $"{first + 1}–{last + 1}"),
        _ => "",
    };

    private bool HasError(string field) => _errors.Any(error => error.Field == field);

    private string? ErrorFor(string field) => _errors.FirstOrDefault(error => error.Field == field)?.Message;
}
