using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Web.Health;

/// <summary>
/// Reports the ONNX Runtime execution provider and whether the inference queue worker is enabled. Always
/// Healthy: a disabled worker is a configuration choice, and a CPU fallback still runs the model.
/// </summary>
internal sealed class InferenceHealthCheck(ExecutionProviderInfo provider, IOptions<InferenceQueueOptions> queueOptions) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // NOTE: "enabled" reflects the setting only; this check does not see whether the worker loop is running.
        var worker = queueOptions.Value.Enabled
            ? "the inference queue worker is enabled"
            : "the inference queue worker is disabled by Inference:Queue:Enabled = false";
        var description = $"Execution provider {provider.Provider} (ONNX Runtime {provider.OnnxRuntimeVersion}); {worker}.";
        return Task.FromResult(HealthCheckResult.Healthy(description));
    }
}
