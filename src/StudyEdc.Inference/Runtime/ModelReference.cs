namespace StudyEdc.Inference.Runtime;

/// <summary>
/// A registered model: the identity every prediction records. <paramref name="Sha256"/> is the lowercase hex
/// SHA-256 of <paramref name="FilePath"/> taken at registration; the file is checked against it when first loaded.
/// </summary>
public sealed record ModelReference(string Name, string Version, string FilePath, string Sha256);
