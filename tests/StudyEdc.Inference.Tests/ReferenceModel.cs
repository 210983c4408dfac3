using StudyEdc.Inference.Runtime;
using StudyEdc.TestSupport;

namespace StudyEdc.Inference.Tests;

/// <summary>The committed reference model under models/ and its recorded SHA-256.</summary>
internal static class ReferenceModel
{
    public static string FilePath => Path.Combine(RepositoryPaths.Root, "models", "phantom-lesion-detector", "model.onnx");

    /// <summary>The hash recorded beside the model (first field of model.onnx.sha256).</summary>
    public static string RecordedSha256 =>
        File.ReadAllText(FilePath + ".sha256").Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

    public static ModelReference Reference => new("phantom-lesion-detector", "1.0", FilePath, RecordedSha256);

    /// <summary>The deliberately broken model next to the tests.</summary>
    public static string WrongContractPath => Path.Combine(AppContext.BaseDirectory, "TestModels", "wrong-contract.onnx");
}
