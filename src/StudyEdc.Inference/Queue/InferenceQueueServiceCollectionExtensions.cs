using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace StudyEdc.Inference.Queue;

public static class InferenceQueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers the queue worker (a hosted service) and its job processor, with settings from
    /// <c>Inference:Queue</c>. The host must also register an <see cref="IInferenceJobStore"/> (scoped).
    /// </summary>
    public static IServiceCollection AddInferenceQueueWorker(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<InferenceQueueOptions>()
            .Bind(configuration.GetSection(InferenceQueueOptions.SectionName))
            .Validate(o => o.PollIntervalSeconds > 0, "Inference:Queue:PollIntervalSeconds must be above 0.")
            .Validate(o => o.LeaseSeconds > 0, "Inference:Queue:LeaseSeconds must be above 0.")
            .Validate(o => o.RetryDelaySeconds >= 0, "Inference:Queue:RetryDelaySeconds must be 0 or more.")
            .ValidateOnStart();
        services.AddScoped<InferenceJobProcessor>();
        services.AddHostedService<InferenceQueueWorker>();
        return services;
    }
}
