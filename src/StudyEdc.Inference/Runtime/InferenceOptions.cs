namespace StudyEdc.Inference.Runtime;

/// <summary>Which ONNX Runtime execution provider to use.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>CUDA when a GPU and the CUDA libraries are present, otherwise CPU.</summary>
    Auto,

    /// <summary>CPU only, even on a GPU host.</summary>
    Cpu,

    /// <summary>CUDA or fail: start-up reports an error instead of falling back to the CPU.</summary>
    Cuda,
}

/// <summary>Inference settings, bound from the configuration section <c>Inference</c>.</summary>
public sealed class InferenceOptions
{
    public const string SectionName = "Inference";

    /// <summary>Execution provider choice; default <see cref="ExecutionProviderPreference.Auto"/>.</summary>
    public ExecutionProviderPreference ExecutionProvider { get; set; } = ExecutionProviderPreference.Auto;

    /// <summary>CUDA device ordinal; default 0.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>Model runs allowed at the same time in this process; default 1. Further runs wait.</summary>
    public int MaxConcurrentRuns { get; set; } = 1;

    /// <summary>Threads ONNX Runtime uses inside one CPU run; 0 (default) lets it choose (one per core).</summary>
    public int IntraOpThreads { get; set; }
}
