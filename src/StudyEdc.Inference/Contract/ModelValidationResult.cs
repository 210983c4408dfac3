namespace StudyEdc.Inference.Contract;

/// <summary>
/// Outcome of checking a model file against the contract. <see cref="Sha256"/> is the lowercase hex SHA-256 of
/// the file, or <see langword="null"/> when the file does not exist.
/// </summary>
public sealed record ModelValidationResult(string ModelPath, string? Sha256, IReadOnlyList<ContractViolation> Violations)
{
    public bool IsValid => Violations.Count == 0;
}
