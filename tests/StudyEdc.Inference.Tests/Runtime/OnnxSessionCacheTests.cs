using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Runtime;

namespace StudyEdc.Inference.Tests.Runtime;

public sealed class OnnxSessionCacheTests : IDisposable
{
    private static readonly InferenceOptions CpuOptions = new() { ExecutionProvider = ExecutionProviderPreference.Cpu };

    private readonly OnnxSessionCache _cache = new(ExecutionProviderProbe.Select(CpuOptions), Options.Create(CpuOptions),
        NullLogger<OnnxSessionCache>.Instance);

    private readonly string _folder = Directory.CreateTempSubdirectory("studyedc-session-cache-").FullName;

    [Fact]
    public async Task Session_is_reused_for_the_same_model()
    {
        var first = await _cache.GetSessionAsync(ReferenceModel.Reference, TestContext.Current.CancellationToken);

        var second = await _cache.GetSessionAsync(ReferenceModel.Reference, TestContext.Current.CancellationToken);

        Assert.Same(first, second);
    }

    [Fact]
    public async Task File_with_another_hash_is_rejected()
    {
        var model = ReferenceModel.Reference with { Sha256 = new string('0', 64) };

        var exception = await Assert.ThrowsAsync<InferenceException>(
            () => _cache.GetSessionAsync(model, TestContext.Current.CancellationToken));

        Assert.Contains($"has SHA-256 {ReferenceModel.RecordedSha256}, but phantom-lesion-detector 1.0 was registered with 0000",
            exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_load_is_retried_on_next_request()
    {
        var path = Path.Combine(_folder, "model.onnx");
        var model = ReferenceModel.Reference with { FilePath = path };
        await Assert.ThrowsAsync<InferenceException>(() => _cache.GetSessionAsync(model, TestContext.Current.CancellationToken));
        File.Copy(ReferenceModel.FilePath, path);

        var session = await _cache.GetSessionAsync(model, TestContext.Current.CancellationToken);

        Assert.Contains("ct", session.InputMetadata.Keys);
    }

    public void Dispose()
    {
        _cache.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
