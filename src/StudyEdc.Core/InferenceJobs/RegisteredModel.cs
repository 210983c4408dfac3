namespace StudyEdc.Core.InferenceJobs;

/// <summary>
/// An ONNX model that the Administrator registered after it passed the model contract. The file is stored under
/// <c>{Storage:DataDirectory}/models/sha256/{Sha256}.onnx</c>, so its hash is also its address. At most one row is
/// active; with none active, new jobs use the bundled reference model.
/// </summary>
public class RegisteredModel
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string Version { get; set; } = "";

    /// <summary>Lower-case hexadecimal SHA-256 of the model file.</summary>
    public string Sha256 { get; set; } = "";

    public long SizeBytes { get; set; }

    /// <summary>The model card as the Administrator entered it: training data, measured accuracy, limits and intended use.</summary>
    public string ModelCard { get; set; } = "";

    /// <summary>Malignancy probability at or above which a detection counts as malignant, from 0 to 1 exclusive.</summary>
    public double DecisionThreshold { get; set; }

    public string RegisteredBy { get; set; } = "";

    public DateTime RegisteredAtUtc { get; set; }

    public bool IsActive { get; set; }

    public DateTime? ActivatedAtUtc { get; set; }

    public string? ActivatedBy { get; set; }
}
