using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using StudyEdc.Inference.Contract;

namespace StudyEdc.Inference.Runtime;

/// <summary>
/// One ONNX Runtime session per registered model, created on first use and reused; ONNX Runtime allows
/// concurrent <c>Run</c> calls on one session. Sessions are keyed by SHA-256, so two registrations of the same
/// file share a session.
/// </summary>
public sealed class OnnxSessionCache(
    ExecutionProviderInfo provider, IOptions<InferenceOptions> options, ILogger<OnnxSessionCache> logger) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<InferenceSession>>> _sessions = new(StringComparer.Ordinal);

    /// <summary>The execution provider every session of this cache uses.</summary>
    public ExecutionProviderInfo Provider => provider;

    /// <summary>
    /// Returns the session for <paramref name="model"/>, loading it the first time after checking the file's
    /// SHA-256 against the registration. A failed load is not cached, so a corrected file can be retried.
    /// </summary>
    /// <exception cref="InferenceException">The file is missing, its hash differs, or ONNX Runtime rejects it.</exception>
    public async Task<InferenceSession> GetSessionAsync(ModelReference model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var key = model.Sha256.ToLowerInvariant();
        var entry = _sessions.GetOrAdd(key, _ => new Lazy<Task<InferenceSession>>(() => LoadAsync(model, cancellationToken)));
        try
        {
            return await entry.Value.ConfigureAwait(false);
        }
        catch (Exception)
        {
            _sessions.TryRemove(new KeyValuePair<string, Lazy<Task<InferenceSession>>>(key, entry));
            throw;
        }
    }

    private async Task<InferenceSession> LoadAsync(ModelReference model, CancellationToken cancellationToken)
    {
        if (!File.Exists(model.FilePath))
        {
            throw new InferenceException(
                $"Model file {model.FilePath} of {model.Name} {model.Version} was not found. Restore the file or re-register the model.");
        }

        var actual = await ModelFileHash.ComputeSha256Async(model.FilePath, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actual, model.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new InferenceException(
                $"Model file {model.FilePath} has SHA-256 {actual}, but {model.Name} {model.Version} was registered "
                + $"with {model.Sha256}. The file was replaced: register it as a new model version.");
        }

        using var sessionOptions = CreateSessionOptions();
        try
        {
            var session = new InferenceSession(model.FilePath, sessionOptions);
            InferenceLog.ModelLoaded(logger, model.Name, model.Version, model.Sha256, provider.Provider);
            return session;
        }
        catch (OnnxRuntimeException exception)
        {
            throw new InferenceException(
                $"ONNX Runtime could not load {model.FilePath} ({model.Name} {model.Version}): {exception.Message}", exception);
        }
    }

    private SessionOptions CreateSessionOptions()
    {
        var sessionOptions = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.Value.IntraOpThreads > 0)
        {
            sessionOptions.IntraOpNumThreads = options.Value.IntraOpThreads;
        }

        if (provider.IsCuda)
        {
            sessionOptions.AppendExecutionProvider_CUDA(provider.CudaDeviceId ?? 0);
        }

        return sessionOptions;
    }

    public void Dispose()
    {
        foreach (var entry in _sessions.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                entry.Value.Result.Dispose();
            }
        }

        _sessions.Clear();
    }
}
