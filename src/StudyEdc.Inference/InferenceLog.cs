using Microsoft.Extensions.Logging;

namespace StudyEdc.Inference;

/// <summary>Log messages of the inference module, event ids 5000-5099. Ids and hashes only, never patient data.</summary>
internal static partial class InferenceLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information,
        Message = "Inference runs on the {Provider} execution provider (ONNX Runtime {Version}): {Reason}")]
    public static partial void ExecutionProviderSelected(ILogger logger, string provider, string version, string reason);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Loaded model {ModelName} {ModelVersion} (SHA-256 {Sha256}) on {Provider}")]
    public static partial void ModelLoaded(ILogger logger, string modelName, string modelVersion, string sha256, string provider);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Debug,
        Message = "Model {ModelName} {ModelVersion} returned {Count} detections (preprocess {PreprocessMs} ms, inference {InferenceMs} ms)")]
    public static partial void DetectionsComputed(ILogger logger, string modelName, string modelVersion, int count,
        double preprocessMs, double inferenceMs);
}
