using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Dicom;
using StudyEdc.Dicom.Series;
using StudyEdc.Inference;
using StudyEdc.Inference.Contract;
using StudyEdc.Inference.Preprocessing;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc infer`: runs the web app's preprocessing and a lesion-detection model on an AP and a PVP folder and
/// prints the detections, the execution provider and the time of each step. Exit code 0 on success, 1 when the
/// input or the model is rejected.
/// </summary>
internal static class InferCommands
{
    public const int ExitSuccess = 0;
    public const int ExitInvalidInput = 1;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    public static Command Create(CliContext context)
    {
        var arterial = new Option<DirectoryInfo>("--ap")
        {
            Description = "Folder containing the arterial-phase (AP) DICOM series and no other series",
            Required = true,
        };
        var portal = new Option<DirectoryInfo>("--pvp")
        {
            Description = "Folder containing the portal-venous-phase (PVP) DICOM series and no other series",
            Required = true,
        };
        var model = new Option<FileInfo?>("--model")
        {
            Description = "ONNX model meeting docs/model-contract.md; default: the bundled phantom-lesion-detector (not for clinical use)",
        };
        var provider = new Option<ExecutionProviderPreference>("--provider")
        {
            Description = "Execution provider: Auto (CUDA if usable, else CPU; default), Cpu or Cuda",
            DefaultValueFactory = _ => ExecutionProviderPreference.Auto,
        };
        var minScore = new Option<float>("--min-score")
        {
            Description = "Print only detections with at least this detection score, 0 to 1; default 0 (all the model returned)",
            DefaultValueFactory = _ => 0f,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document instead of text" };

        var command = new Command("infer", "Run a lesion-detection model on an AP/PVP exam outside the web app")
        {
            arterial, portal, model, provider, minScore, json,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            new InferRequest(parseResult.GetValue(arterial)!.FullName, parseResult.GetValue(portal)!.FullName,
                parseResult.GetValue(model)?.FullName, parseResult.GetValue(provider), parseResult.GetValue(minScore),
                parseResult.GetValue(json)),
            cancellationToken));
        return command;
    }

    private sealed record InferRequest(string ArterialFolder, string PortalFolder, string? ModelPath,
        ExecutionProviderPreference Provider, float MinScore, bool Json);

    private static async Task<int> RunAsync(CliContext context, InferRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var report = await InferAsync(request, cancellationToken).ConfigureAwait(false);
            if (request.Json)
            {
                await context.Out.WriteLineAsync(JsonSerializer.Serialize(report, JsonOptions)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(context.Out, report).ConfigureAwait(false);
            }

            return ExitSuccess;
        }
        catch (Exception exception) when (exception is InferenceException or DicomReadException or InvalidInferInputException)
        {
            await context.Error.WriteLineAsync(exception.Message).ConfigureAwait(false);
            return ExitInvalidInput;
        }
    }

    private static async Task<InferReport> InferAsync(InferRequest request, CancellationToken cancellationToken)
    {
        if (request.MinScore is < 0 or > 1 || float.IsNaN(request.MinScore))
        {
            throw new InvalidInferInputException(string.Create(CultureInfo.InvariantCulture,
                $"--min-score {request.MinScore} is invalid: give a detection score from 0 to 1."));
        }

        // Check the model first: a wrong model should fail before minutes of decoding.
        var model = request.ModelPath is null
            ? await BundledModel.LoadReferenceAsync(cancellationToken).ConfigureAwait(false)
            : await CheckModelAsync(request.ModelPath, cancellationToken).ConfigureAwait(false);

        var options = new InferenceOptions { ExecutionProvider = request.Provider };
        var provider = ExecutionProviderProbe.Select(options);

        var stopwatch = Stopwatch.StartNew();
        var arterial = SeriesFolderLoader.Load(request.ArterialFolder, cancellationToken);
        var decodeArterial = stopwatch.Elapsed;
        stopwatch.Restart();
        var portal = SeriesFolderLoader.Load(request.PortalFolder, cancellationToken);
        var decodePortal = stopwatch.Elapsed;

        using var sessions = new OnnxSessionCache(provider, Options.Create(options), NullLogger<OnnxSessionCache>.Instance);
        using var detector = new LesionDetector(sessions, Options.Create(options), NullLogger<LesionDetector>.Instance);
        stopwatch.Restart();
        var result = await detector.DetectAsync(model, arterial, portal, cancellationToken).ConfigureAwait(false);
        var total = stopwatch.Elapsed;

        return new InferReport(
            new ModelInfo(model.Name, model.Version, model.FilePath, model.Sha256),
            new ProviderInfo(provider.Provider, provider.Reason, provider.OnnxRuntimeVersion),
            new TimingsMs(Milliseconds(decodeArterial), Milliseconds(decodePortal),
                Milliseconds(total - result.Timings.Preprocess - result.Timings.Inference - result.Timings.Postprocess),
                Milliseconds(result.Timings.Preprocess), Milliseconds(result.Timings.Inference),
                Milliseconds(result.Timings.Postprocess)),
            [.. result.Detections.Where(detection => detection.Score >= request.MinScore)
                .Select((detection, index) => ToReport(index + 1, detection))]);
    }

    private static async Task<ModelReference> CheckModelAsync(string path, CancellationToken cancellationToken)
    {
        var validation = await ModelContractValidator.ValidateAsync(path, cancellationToken).ConfigureAwait(false);
        if (!validation.IsValid)
        {
            throw new InvalidInferInputException(
                $"Model {path} does not meet the model contract (docs/model-contract.md):{Environment.NewLine}  - "
                + string.Join(Environment.NewLine + "  - ", validation.Violations.Select(violation => violation.ToString())));
        }

        return new ModelReference(Path.GetFileNameWithoutExtension(path), "unregistered", path, validation.Sha256!);
    }

    private static DetectionReport ToReport(int rank, Detection detection) => new(
        rank,
        detection.Score,
        detection.Malignancy,
        new GridBoxReport(Round(detection.GridBox.Z0), Round(detection.GridBox.Y0), Round(detection.GridBox.X0),
            Round(detection.GridBox.Z1), Round(detection.GridBox.Y1), Round(detection.GridBox.X1)),
        new PatientBoxReport(Point(detection.PatientBox.Min), Point(detection.PatientBox.Max)),
        VoxelReport(detection.ArterialVoxels),
        VoxelReport(detection.PortalVenousVoxels));

    private static PointReport Point(Vector3D point) => new(Round(point.X), Round(point.Y), Round(point.Z));

    private static VoxelBoxReport VoxelReport(VoxelBox box) =>
        new(Round(box.I0), Round(box.J0), Round(box.K0), Round(box.I1), Round(box.J1), Round(box.K1));

    private static double Round(double value) => Math.Round(value, 2);

    private static double Milliseconds(TimeSpan span) => Math.Round(span.TotalMilliseconds, 1);

    private static async Task WriteTextAsync(TextWriter output, InferReport report)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"""
            Model: {report.Model.Name} {report.Model.Version} ({report.Model.Path})
            SHA-256: {report.Model.Sha256}
            Execution provider: {report.ExecutionProvider.Provider} (ONNX Runtime {report.ExecutionProvider.OnnxRuntimeVersion}): {report.ExecutionProvider.Reason}
            Time (ms): decode AP {report.TimingsMs.DecodeArterial:0.0}, decode PVP {report.TimingsMs.DecodePortalVenous:0.0}, load model {report.TimingsMs.LoadModel:0.0}, preprocess {report.TimingsMs.Preprocess:0.0}, inference {report.TimingsMs.Inference:0.0}, postprocess {report.TimingsMs.Postprocess:0.0}
            Detections: {report.Detections.Count}
            """);
        await output.WriteLineAsync(text).ConfigureAwait(false);
        foreach (var d in report.Detections)
        {
            var lines = string.Create(CultureInfo.InvariantCulture, $"""
                #{d.Rank} score {d.Score:0.000}, malignancy {d.Malignancy:0.000}
                   model grid (z, y, x):      ({d.GridBox.Z0:0.0}, {d.GridBox.Y0:0.0}, {d.GridBox.X0:0.0}) to ({d.GridBox.Z1:0.0}, {d.GridBox.Y1:0.0}, {d.GridBox.X1:0.0})
                   patient LPS mm (x, y, z):  ({d.PatientBoxMm.Min.X:0.0}, {d.PatientBoxMm.Min.Y:0.0}, {d.PatientBoxMm.Min.Z:0.0}) to ({d.PatientBoxMm.Max.X:0.0}, {d.PatientBoxMm.Max.Y:0.0}, {d.PatientBoxMm.Max.Z:0.0})
                   AP voxels (i, j, k):       ({d.ArterialVoxels.I0:0.0}, {d.ArterialVoxels.J0:0.0}, {d.ArterialVoxels.K0:0.0}) to ({d.ArterialVoxels.I1:0.0}, {d.ArterialVoxels.J1:0.0}, {d.ArterialVoxels.K1:0.0})
                   PVP voxels (i, j, k):      ({d.PortalVenousVoxels.I0:0.0}, {d.PortalVenousVoxels.J0:0.0}, {d.PortalVenousVoxels.K0:0.0}) to ({d.PortalVenousVoxels.I1:0.0}, {d.PortalVenousVoxels.J1:0.0}, {d.PortalVenousVoxels.K1:0.0})
                """);
            await output.WriteLineAsync(lines).ConfigureAwait(false);
        }
    }

    /// <summary>An option value or a model file that the command rejects before any work.</summary>
    private sealed class InvalidInferInputException(string message) : Exception(message);

    internal sealed record InferReport(ModelInfo Model, ProviderInfo ExecutionProvider, TimingsMs TimingsMs,
        IReadOnlyList<DetectionReport> Detections);

    internal sealed record ModelInfo(string Name, string Version, string Path, string Sha256);

    internal sealed record ProviderInfo(string Provider, string Reason, string OnnxRuntimeVersion);

    internal sealed record TimingsMs(double DecodeArterial, double DecodePortalVenous, double LoadModel, double Preprocess,
        double Inference, double Postprocess);

    internal sealed record DetectionReport(int Rank, float Score, float Malignancy, GridBoxReport GridBox,
        PatientBoxReport PatientBoxMm, VoxelBoxReport ArterialVoxels, VoxelBoxReport PortalVenousVoxels);

    internal sealed record GridBoxReport(double Z0, double Y0, double X0, double Z1, double Y1, double X1);

    internal sealed record PatientBoxReport(PointReport Min, PointReport Max);

    internal sealed record PointReport(double X, double Y, double Z);

    internal sealed record VoxelBoxReport(double I0, double J0, double K0, double I1, double J1, double K1);
}
