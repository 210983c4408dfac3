namespace StudyEdc.Inference;

/// <summary>
/// An exam or model that inference cannot proceed with: volumes that do not overlap, a model whose outputs break
/// the contract at run time, a model file whose hash differs from its registration.
/// </summary>
public sealed class InferenceException : Exception
{
    public InferenceException()
    {
    }

    public InferenceException(string message)
        : base(message)
    {
    }

    public InferenceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
