using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;
using StudyEdc.TestSupport;

namespace StudyEdc.Inference.Tests.Queue;

/// <summary><see cref="InferenceJobProcessor"/> against an in-memory job store, with the committed reference model.</summary>
public sealed class InferenceJobProcessorTests : IDisposable
{
    private readonly OnnxSessionCache _sessions;
    private readonly LesionDetector _detector;

    public InferenceJobProcessorTests()
    {
        var options = new InferenceOptions { ExecutionProvider = ExecutionProviderPreference.Cpu };
        _sessions = new OnnxSessionCache(ExecutionProviderProbe.Select(options), Options.Create(options), NullLogger<OnnxSessionCache>.Instance);
        _detector = new LesionDetector(_sessions, Options.Create(options), NullLogger<LesionDetector>.Instance);
    }

    [Fact]
    public async Task Empty_queue_processes_nothing()
    {
        var store = new InMemoryJobStore(null);

        var processed = await NewProcessor(store).ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.False(processed);
    }

    [Fact]
    public async Task Phantom_job_completes_with_detections()
    {
        var store = new InMemoryJobStore(PhantomJob(ReferenceModel.Reference));

        await NewProcessor(store).ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.NotNull(store.Completed);
        Assert.NotEmpty(store.Completed.Detections);
        Assert.Equal([InferenceStep.Decoding, InferenceStep.Inferring, InferenceStep.Storing], store.Steps);
    }

    [Fact]
    public async Task Missing_model_fails_the_attempt_with_its_reason()
    {
        var missing = ReferenceModel.Reference with { FilePath = Path.Combine(Path.GetTempPath(), "no-such-model.onnx") };
        var store = new InMemoryJobStore(PhantomJob(missing));

        await NewProcessor(store).ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.Null(store.Completed);
        Assert.Contains("no-such-model.onnx", store.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lost_lease_stops_without_running_the_model()
    {
        var store = new InMemoryJobStore(PhantomJob(ReferenceModel.Reference)) { OwnsJob = false };

        await NewProcessor(store).ProcessNextAsync(TestContext.Current.CancellationToken);

        Assert.Null(store.Completed);
        Assert.Null(store.FailureReason);
        Assert.Equal([InferenceStep.Decoding], store.Steps);
    }

    public void Dispose()
    {
        _detector.Dispose();
        _sessions.Dispose();
    }

    private static InferenceWorkItem PhantomJob(ModelReference model) => new(1, 1, 3, Guid.NewGuid(), model,
        Directory.GetFiles(RepositoryPaths.TestData("phantom", "exam-01", "AP")),
        Directory.GetFiles(RepositoryPaths.TestData("phantom", "exam-01", "PVP")));

    private InferenceJobProcessor NewProcessor(IInferenceJobStore store) => new(store, _detector,
        Options.Create(new InferenceQueueOptions { WorkerId = "test" }), NullLogger<InferenceJobProcessor>.Instance);

    /// <summary>A queue of at most one job that records what the processor reports.</summary>
    private sealed class InMemoryJobStore(InferenceWorkItem? job) : IInferenceJobStore
    {
        private InferenceWorkItem? _next = job;

        public bool OwnsJob { get; init; } = true;

        public List<InferenceStep> Steps { get; } = [];

        public DetectionResult? Completed { get; private set; }

        public string? FailureReason { get; private set; }

        public Task<InferenceWorkItem?> ClaimNextAsync(string workerId, TimeSpan leaseDuration, CancellationToken cancellationToken)
        {
            var claimed = _next;
            _next = null;
            return Task.FromResult(claimed);
        }

        public Task<bool> ReportProgressAsync(InferenceWorkItem job, InferenceStep currentStep, TimeSpan leaseDuration, CancellationToken cancellationToken)
        {
            Steps.Add(currentStep);
            return Task.FromResult(OwnsJob);
        }

        public Task<bool> CompleteAsync(InferenceWorkItem job, DetectionResult result, CancellationToken cancellationToken)
        {
            Completed = result;
            return Task.FromResult(OwnsJob);
        }

        public Task<bool> FailAsync(InferenceWorkItem job, string reason, TimeSpan retryDelay, CancellationToken cancellationToken)
        {
            FailureReason = reason;
            return Task.FromResult(OwnsJob);
        }
    }
}
