using Microsoft.ML.OnnxRuntime;

namespace StudyEdc.Inference.Runtime;

/// <summary>
/// Chooses the execution provider once per process. CUDA is proven usable by opening a one-node model on it, so
/// a host with the CUDA libraries but no usable GPU falls back to the CPU at start-up rather than on the first exam.
/// </summary>
public static class ExecutionProviderProbe
{
    private const string CudaProviderName = "CUDAExecutionProvider";

    // A serialised ONNX model (opset 13) with one Identity node from float[1] input "x" to output "y".
    private static readonly byte[] IdentityModel =
    [
        8, 8, 18, 0, 58, 59, 10, 16, 10, 1, 120, 18, 1, 121, 34, 8, 73, 100, 101, 110, 116, 105, 116, 121, 18, 5, 112,
        114, 111, 98, 101, 90, 15, 10, 1, 120, 18, 10, 10, 8, 8, 1, 18, 4, 10, 2, 8, 1, 98, 15, 10, 1, 121, 18, 10, 10,
        8, 8, 1, 18, 4, 10, 2, 8, 1, 66, 4, 10, 0, 16, 13,
    ];

    /// <summary>Chooses CUDA or CPU as <paramref name="options"/> ask, trying CUDA only when it may be used.</summary>
    /// <exception cref="InferenceException">CUDA was required by configuration but cannot be used.</exception>
    public static ExecutionProviderInfo Select(InferenceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = OrtEnv.Instance();
        var version = environment.GetVersionString();
        var providers = environment.GetAvailableProviders();

        if (options.ExecutionProvider == ExecutionProviderPreference.Cpu)
        {
            return new ExecutionProviderInfo(ExecutionProviderInfo.Cpu, null,
                "Inference:ExecutionProvider is set to Cpu.", version, providers);
        }

        var cudaFailure = providers.Contains(CudaProviderName)
            ? TryOpenOnCuda(options.CudaDeviceId)
            : "this ONNX Runtime build has no CUDA execution provider";
        if (cudaFailure is null)
        {
            return new ExecutionProviderInfo(ExecutionProviderInfo.Cuda, options.CudaDeviceId,
                FormattableString.Invariant($"CUDA device {options.CudaDeviceId} opened a test model."), version, providers);
        }

        if (options.ExecutionProvider == ExecutionProviderPreference.Cuda)
        {
            throw new InferenceException(
                $"Inference:ExecutionProvider is set to Cuda, but CUDA cannot be used: {cudaFailure}. Install the "
                + "NVIDIA driver and the CUDA 13 runtime libraries, or set Inference:ExecutionProvider to Auto or Cpu.");
        }

        return new ExecutionProviderInfo(ExecutionProviderInfo.Cpu, null,
            $"CUDA is not usable here ({cudaFailure}), so the CPU execution provider runs the models. To use a GPU, "
            + "install the NVIDIA driver and the CUDA 13 runtime libraries (libcudart, libcublas, libcublasLt, libcurand).",
            version, providers);
    }

    /// <summary>Returns <see langword="null"/> when a session opens on CUDA, otherwise the reason it did not.</summary>
    private static string? TryOpenOnCuda(int deviceId)
    {
        // ONNX Runtime logs a failed provider load as an error on stderr; the reason is returned instead.
        var environment = OrtEnv.Instance();
        var logLevel = environment.EnvLogLevel;
        environment.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;
        try
        {
            using var sessionOptions = new SessionOptions();
            sessionOptions.AppendExecutionProvider_CUDA(deviceId);
            using var session = new InferenceSession(IdentityModel, sessionOptions);
            return null;
        }
        catch (OnnxRuntimeException exception)
        {
            return FirstLine(exception.Message);
        }
        catch (EntryPointNotFoundException exception)
        {
            // The CPU-only ONNX Runtime package lacks the CUDA entry point altogether.
            return FirstLine(exception.Message);
        }
        finally
        {
            environment.EnvLogLevel = logLevel;
        }
    }

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
