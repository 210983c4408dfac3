using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using StudyEdc.Core;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Inference.Runtime;
using StudyEdc.Web.Identity;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Admin;

/// <summary>
/// The Administrator's inference models: the execution provider in use, the registered models with their cards,
/// registration of an ONNX file checked against the model contract, activation, and re-running exams.
/// </summary>
public partial class Models
{
    private IReadOnlyList<RegisteredModelSummary> _models = [];
    private IReadOnlyList<ValidationError> _errors = [];
    private RegistrationForm _form = new();
    private IBrowserFile? _file;
    private string? _examIds;
    private string? _notice;
    private string? _cardShown;
    private bool _busy;

    [Inject]
    private StudyOperations Operations { get; set; } = default!;

    [Inject]
    private ExecutionProviderInfo Provider { get; set; } = default!;

    [Inject]
    private IStringLocalizer<ModelsResource> T { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var result = await Operations.RunAsync<ModelRegistry, ServiceResult<IReadOnlyList<RegisteredModelSummary>>>((registry, caller) => registry.ListAsync(caller));
        _models = result.Value ?? [];
        if (!result.Succeeded)
        {
            _errors = result.Errors;
        }
    }

    /// <summary>Row key for test ids and the open card: the registered id, or "bundled".</summary>
    private static string Key(RegisteredModelSummary model) => model.Id?.ToString(CultureInfo.InvariantCulture) ?? "bundled";

    private void ToggleCard(RegisteredModelSummary model) => _cardShown = _cardShown == Key(model) ? null : Key(model);

    private void SelectFile(InputFileChangeEventArgs args) => _file = args.File;

    private async Task RegisterAsync()
    {
        if (_file is null)
        {
            return;
        }

        var registration = new ModelRegistration(_form.Name, _form.Version, _form.ModelCard, _form.DecisionThreshold);
        var file = _file;
        await RunAsync(async () =>
        {
            // The browser streams the file; the registry copies it to disk, so it is never held whole in memory.
            var stream = file.OpenReadStream(ModelRegistry.MaxModelBytes);
            await using (stream)
            {
                var result = await Operations.RunAsync<ModelRegistry, ServiceResult<RegisteredModelSummary>>(
                    (registry, caller) => registry.RegisterAsync(caller, registration, stream));
                if (Apply(result))
                {
                    _notice = T["Register.Done", result.Value!.Name, result.Value.Version];
                    _form = new RegistrationForm();
                    _file = null;
                }
            }
        });
    }

    private async Task ActivateAsync(RegisteredModelSummary model)
    {
        await RunAsync(async () =>
        {
            var result = await Operations.RunAsync<ModelRegistry, ServiceResult<RegisteredModelSummary>>(
                (registry, caller) => registry.ActivateAsync(caller, model.Id));
            if (Apply(result))
            {
                _notice = T["Activate.Done", model.Name, model.Version];
            }
        });
    }

    private async Task RequeueAsync()
    {
        if (!TryParseExamIds(_examIds, out var examIds))
        {
            _errors = [new ValidationError("ExamIds", "ExamIdsInvalid", T["Requeue.ExamIdsInvalid", _examIds ?? ""])];
            _notice = null;
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Operations.RunAsync<ModelRegistry, ServiceResult<int>>((registry, caller) => registry.RequeueAsync(caller, examIds));
            if (Apply(result))
            {
                _notice = T["Requeue.Done", result.Value];
            }
        });
    }

    /// <summary>Parses exam ids separated by commas or spaces; empty text means every exam (null).</summary>
    internal static bool TryParseExamIds(string? text, out IReadOnlyCollection<int>? examIds)
    {
        examIds = null;
        var parts = (text ?? "").Split([',', ' ', ';', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            return true;
        }

        var ids = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return false;
            }

            ids.Add(id);
        }

        examIds = ids.Distinct().ToList();
        return true;
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        _errors = [];
        _notice = null;
        try
        {
            await action();
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private bool Apply<TValue>(ServiceResult<TValue> result)
    {
        _errors = result.Errors;
        return result.Succeeded;
    }

    private sealed class RegistrationForm
    {
        public string Name { get; set; } = "";

        public string Version { get; set; } = "";

        public string ModelCard { get; set; } = "";

        public double DecisionThreshold { get; set; } = 0.5;
    }
}
