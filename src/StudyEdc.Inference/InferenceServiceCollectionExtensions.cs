using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference;

public static class InferenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the inference module: options from the <c>Inference</c> section (box matching from
    /// <c>Inference:Matching</c>), the execution provider chosen and logged at start-up, one session cache and
    /// the <see cref="LesionDetector"/>.
    /// </summary>
    public static IServiceCollection AddStudyEdcInference(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceOptions>()
            .Bind(configuration.GetSection(InferenceOptions.SectionName))
            .Validate(o => o.MaxConcurrentRuns >= 1, "Inference:MaxConcurrentRuns must be 1 or more.")
            .Validate(o => o.IntraOpThreads >= 0, "Inference:IntraOpThreads must be 0 (ONNX Runtime chooses) or more.")
            .Validate(o => o.CudaDeviceId >= 0, "Inference:CudaDeviceId must be 0 or more.")
            .ValidateOnStart();
        services.AddOptions<BoxMatchingOptions>()
            .Bind(configuration.GetSection(BoxMatchingOptions.SectionName))
            .Validate(o => o.MinIou is >= 0 and <= 1, "Inference:Matching:MinIou must be between 0 and 1.")
            .Validate(o => o.MaxCentreDistanceMm > 0, "Inference:Matching:MaxCentreDistanceMm must be above 0 mm.")
            .ValidateOnStart();

        services.AddSingleton(provider => ExecutionProviderProbe.Select(
            provider.GetRequiredService<IOptions<InferenceOptions>>().Value));
        services.AddSingleton<OnnxSessionCache>();
        services.AddSingleton<LesionDetector>();
        services.AddHostedService<ExecutionProviderStartupLog>();
        return services;
    }

    /// <summary>Chooses the execution provider when the host starts and logs the choice.</summary>
    private sealed class ExecutionProviderStartupLog(ExecutionProviderInfo provider, ILogger<ExecutionProviderStartupLog> logger)
        : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            InferenceLog.ExecutionProviderSelected(logger, provider.Provider, provider.OnnxRuntimeVersion, provider.Reason);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
