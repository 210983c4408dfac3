namespace StudyEdc.Inference.Runtime;

/// <summary>
/// The execution provider this process runs models on, chosen once at start-up, and why; shown to the
/// Administrator. <paramref name="Provider"/> is "CUDA" or "CPU".
/// </summary>
public sealed record ExecutionProviderInfo(
    string Provider,
    int? CudaDeviceId,
    string Reason,
    string OnnxRuntimeVersion,
    IReadOnlyList<string> ProvidersInBuild)
{
    public const string Cuda = "CUDA";

    public const string Cpu = "CPU";

    public bool IsCuda => Provider == Cuda;
}
