using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Matching;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Tests;

public sealed class InferenceServiceCollectionExtensionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddStudyEdcInference(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Options_bind_from_the_inference_section()
    {
        using var services = Build(new()
        {
            ["Inference:ExecutionProvider"] = "Cpu",
            ["Inference:MaxConcurrentRuns"] = "3",
            ["Inference:IntraOpThreads"] = "2",
            ["Inference:Matching:MinIou"] = "0.25",
            ["Inference:Matching:MaxCentreDistanceMm"] = "12.5",
        });

        var options = services.GetRequiredService<IOptions<InferenceOptions>>().Value;
        var matching = services.GetRequiredService<IOptions<BoxMatchingOptions>>().Value;

        Assert.Equal(ExecutionProviderPreference.Cpu, options.ExecutionProvider);
        Assert.Equal(3, options.MaxConcurrentRuns);
        Assert.Equal(2, options.IntraOpThreads);
        Assert.Equal(0.25, matching.MinIou);
        Assert.Equal(12.5, matching.MaxCentreDistanceMm);
    }

    [Fact]
    public void Provider_choice_is_exposed_as_a_service()
    {
        using var services = Build(new() { ["Inference:ExecutionProvider"] = "Cpu" });

        var provider = services.GetRequiredService<ExecutionProviderInfo>();

        Assert.Equal(ExecutionProviderInfo.Cpu, provider.Provider);
        Assert.Same(provider, services.GetRequiredService<LesionDetector>().Provider);
    }

    [Fact]
    public void Zero_concurrent_runs_is_rejected()
    {
        using var services = Build(new() { ["Inference:MaxConcurrentRuns"] = "0" });

        var exception = Assert.Throws<OptionsValidationException>(
            () => services.GetRequiredService<IOptions<InferenceOptions>>().Value);

        Assert.Contains("Inference:MaxConcurrentRuns must be 1 or more.", exception.Failures);
    }
}
