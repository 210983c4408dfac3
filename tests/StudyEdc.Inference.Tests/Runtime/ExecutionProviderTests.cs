using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Tests.Runtime;

public sealed class ExecutionProviderTests(PhantomExamFixture fixture) : IClassFixture<PhantomExamFixture>
{
    [Fact]
    public void Cpu_preference_selects_cpu()
    {
        var info = ExecutionProviderProbe.Select(new InferenceOptions { ExecutionProvider = ExecutionProviderPreference.Cpu });

        Assert.Equal(ExecutionProviderInfo.Cpu, info.Provider);
        Assert.Equal("Inference:ExecutionProvider is set to Cpu.", info.Reason);
        Assert.Equal("1.32.0", info.OnnxRuntimeVersion);
    }

    [Fact]
    public void Cuda_preference_without_cuda_fails_with_the_fix()
    {
        var auto = ExecutionProviderProbe.Select(new InferenceOptions());
        if (auto.IsCuda)
        {
            Assert.Skip("CUDA is usable on this machine, so the failure path cannot be shown here.");
        }

        var exception = Assert.Throws<InferenceException>(
            () => ExecutionProviderProbe.Select(new InferenceOptions { ExecutionProvider = ExecutionProviderPreference.Cuda }));

        Assert.Contains("set Inference:ExecutionProvider to Auto or Cpu", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cuda_run_matches_cpu_run()
    {
        var cuda = ExecutionProviderProbe.Select(new InferenceOptions());
        if (!cuda.IsCuda)
        {
            Assert.Skip($"CUDA test skipped: no usable GPU here ({cuda.Reason}). It runs where the NVIDIA driver and the CUDA 13 libraries are installed.");
        }

        var exam = fixture.Exams["exam-01"];
        var cpuOptions = new InferenceOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
        var onCuda = await DetectAsync(cuda, new InferenceOptions(), exam);
        var onCpu = await DetectAsync(ExecutionProviderProbe.Select(cpuOptions), cpuOptions, exam);

        Assert.Equal(ExecutionProviderInfo.Cuda, onCuda.ExecutionProvider);
        Assert.Equal(onCpu.Detections.Count, onCuda.Detections.Count);
        for (var index = 0; index < onCpu.Detections.Count; index++)
        {
            Assert.Equal(onCpu.Detections[index].Score, onCuda.Detections[index].Score, 3);
            Assert.Equal(onCpu.Detections[index].Malignancy, onCuda.Detections[index].Malignancy, 3);
        }
    }

    private static async Task<DetectionResult> DetectAsync(ExecutionProviderInfo provider, InferenceOptions options, PhantomExam exam)
    {
        using var sessions = new OnnxSessionCache(provider, Options.Create(options), NullLogger<OnnxSessionCache>.Instance);
        using var detector = new LesionDetector(sessions, Options.Create(options), NullLogger<LesionDetector>.Instance);
        return await detector.DetectAsync(ReferenceModel.Reference, exam.Arterial, exam.PortalVenous,
            TestContext.Current.CancellationToken);
    }
}
