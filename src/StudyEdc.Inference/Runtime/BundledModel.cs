namespace StudyEdc.Inference.Runtime;

/// <summary>
/// The reference model trained on synthetic phantoms (models/phantom-lesion-detector), copied into the output
/// folder of every program that references this library. Not for clinical use.
/// </summary>
public static class BundledModel
{
    public const string Name = "phantom-lesion-detector";

    public const string Version = "1.0";

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "models", Name, "model.onnx");

    /// <summary>The model card (English and Chinese), copied beside the model.</summary>
    public static string ModelCardPath => Path.Combine(AppContext.BaseDirectory, "models", Name, "MODEL_CARD.md");

    /// <summary>Reads the SHA-256 recorded beside the model (model.onnx.sha256, sha256sum format).</summary>
    /// <exception cref="InferenceException">The hash file is missing or malformed.</exception>
    public static async Task<ModelReference> LoadReferenceAsync(CancellationToken cancellationToken)
    {
        var hashPath = FilePath + ".sha256";
        if (!File.Exists(hashPath))
        {
            throw new InferenceException($"The bundled model's hash file {hashPath} was not found; rebuild the program.");
        }

        var text = await File.ReadAllTextAsync(hashPath, cancellationToken).ConfigureAwait(false);
        var hash = text.Split([' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (hash is null || hash.Length != 64 || !hash.All(Uri.IsHexDigit))
        {
            throw new InferenceException($"{hashPath} does not start with a 64-digit SHA-256; restore it from models/{Name}/.");
        }

        return new ModelReference(Name, Version, FilePath, hash.ToLowerInvariant());
    }
}
