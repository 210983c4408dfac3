using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Data;
using StudyEdc.Core.InferenceJobs;
using StudyEdc.Inference;
using StudyEdc.Inference.Queue;

namespace StudyEdc.Core.Imaging;

public static class ImagingServiceCollectionExtensions
{
    /// <summary>
    /// Registers image ingest and storage, the inference module (ONNX Runtime sessions, execution provider) and
    /// the durable inference queue with its hosted worker, which runs only inside a host and only when
    /// <c>Inference:Queue:Enabled</c> is not false.
    /// </summary>
    public static IServiceCollection AddStudyEdcImaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        // Site keys are stored protected by data protection, whose keys live in the study database under the web
        // host's application name, so the web app, its other instances and `studyedc import` all read them.
        services.AddDataProtection().SetApplicationName("StudyEdc").PersistKeysToDbContext<StudyDbContext>();
        services.AddSingleton<ImageStore>();
        services.AddScoped<InferenceModelCatalog>();
        services.AddScoped<ModelRegistry>();
        services.AddScoped<ImagingSiteKeyProvider>();
        services.AddScoped<InferenceJobScheduler>();
        services.AddScoped<LesionDetectionMatching>();
        services.AddScoped<IImagingService, ImagingService>();
        services.AddScoped<IInferenceJobStore, InferenceJobStore>();
        services.AddStudyEdcInference(configuration);
        services.AddInferenceQueueWorker(configuration);
        return services;
    }
}
