using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference.Contract;
using StudyEdc.Inference.Preprocessing;

namespace StudyEdc.Inference.Runtime;

/// <summary>
/// Runs a registered model on an exam's arterial and portal-venous volumes. At most
/// <see cref="InferenceOptions.MaxConcurrentRuns"/> model runs execute at once in this process; further calls
/// wait. Preprocessing and the run are CPU-bound work on the caller's thread, so call this from a background
/// worker, not from a UI request.
/// </summary>
public sealed class LesionDetector(
    OnnxSessionCache sessions, IOptions<InferenceOptions> options, ILogger<LesionDetector> logger) : IDisposable
{
    private static readonly long[] InputShape = [.. ModelContract.InputShape];

    private readonly SemaphoreSlim _runSlots = new(Math.Max(1, options.Value.MaxConcurrentRuns));

    /// <summary>The execution provider the models run on.</summary>
    public ExecutionProviderInfo Provider => sessions.Provider;

    /// <exception cref="InferenceException">
    /// The model cannot be loaded, the volumes do not overlap, or the model's outputs break the contract.
    /// </exception>
    public async Task<DetectionResult> DetectAsync(ModelReference model, CtVolume arterial, CtVolume portalVenous,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(arterial);
        ArgumentNullException.ThrowIfNull(portalVenous);
        var session = await sessions.GetSessionAsync(model, cancellationToken).ConfigureAwait(false);

        var stopwatch = Stopwatch.StartNew();
        var exam = ExamPreprocessor.Preprocess(arterial, portalVenous);
        var preprocess = stopwatch.Elapsed;

        await _runSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        RawOutputs outputs;
        TimeSpan inference;
        try
        {
            stopwatch.Restart();
            outputs = Run(session, exam.Tensor);
            inference = stopwatch.Elapsed;
        }
        finally
        {
            _runSlots.Release();
        }

        stopwatch.Restart();
        var detections = DetectionDecoder.Decode(outputs.Boxes, outputs.Scores, outputs.Malignancy, exam.Grid,
            arterial, portalVenous);
        var timings = new InferenceTimings(preprocess, inference, stopwatch.Elapsed);
        InferenceLog.DetectionsComputed(logger, model.Name, model.Version, detections.Count,
            preprocess.TotalMilliseconds, inference.TotalMilliseconds);
        return new DetectionResult(model, sessions.Provider.Provider, detections, timings);
    }

    /// <summary>Runs the session on one input tensor and copies the three contract outputs.</summary>
    internal static RawOutputs Run(InferenceSession session, float[] tensor)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, InputShape);
        using var runOptions = new RunOptions();
        var inputs = new Dictionary<string, OrtValue>(StringComparer.Ordinal) { [ModelContract.InputName] = input };
        string[] outputNames = [ModelContract.BoxesOutput, ModelContract.ScoresOutput, ModelContract.MalignancyOutput];
        try
        {
            using var results = session.Run(runOptions, inputs, outputNames);
            return new RawOutputs(
                results[0].GetTensorDataAsSpan<float>().ToArray(),
                results[1].GetTensorDataAsSpan<float>().ToArray(),
                results[2].GetTensorDataAsSpan<float>().ToArray());
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InferenceException($"The model failed while running: {exception.Message}", exception);
        }
    }

    public void Dispose() => _runSlots.Dispose();

    internal sealed record RawOutputs(float[] Boxes, float[] Scores, float[] Malignancy);
}
