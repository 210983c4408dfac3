using System.Text;

namespace StudyEdc.TestSupport;

/// <summary>Model files for registry tests, made from the committed reference model so that they meet the model contract.</summary>
public static class ModelFileVariants
{
    /// <summary>The committed reference model, models/phantom-lesion-detector/model.onnx.</summary>
    public static string ReferenceModelPath => Path.Combine(RepositoryPaths.Root, "models", "phantom-lesion-detector", "model.onnx");

    /// <summary>
    /// Returns the reference model with a ModelProto doc_string (field 6) appended. Protobuf keeps the last value
    /// of a repeated scalar field, so ONNX Runtime loads the same graph, but the bytes, and so the SHA-256, differ
    /// for each <paramref name="marker"/>.
    /// </summary>
    public static byte[] Create(string marker = "registry test variant")
    {
        var text = Encoding.UTF8.GetBytes(marker);
        if (text.Length > 127)
        {
            throw new ArgumentException("Keep the marker under 128 bytes, so that its length fits one varint byte.", nameof(marker));
        }

        return [.. File.ReadAllBytes(ReferenceModelPath), 0x32, (byte)text.Length, .. text];
    }
}
