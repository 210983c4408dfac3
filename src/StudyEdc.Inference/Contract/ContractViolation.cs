using System.Globalization;
using System.Resources;

namespace StudyEdc.Inference.Contract;

/// <summary>The ways an ONNX model can fail the model contract.</summary>
public enum ContractViolationKind
{
    FileNotFound,
    NotAnOnnxModel,
    MissingInput,
    UnexpectedInput,
    MissingOutput,
    NotATensor,
    WrongElementType,
    WrongRank,
    WrongShape,
}

/// <summary>
/// One way a model fails the contract. <paramref name="Subject"/> is the file, input or output concerned;
/// <paramref name="Expected"/> and <paramref name="Actual"/> are what the contract requires and what the model has.
/// </summary>
public sealed record ContractViolation(ContractViolationKind Kind, string Subject, string Expected, string Actual)
{
    private static readonly ResourceManager Messages =
        new("StudyEdc.Inference.Resources.InferenceMessages", typeof(ContractViolation).Assembly);

    /// <summary>Formats the violation as a sentence in <paramref name="culture"/> (zh-CN or English).</summary>
    public string Describe(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var template = Messages.GetString("ContractViolation_" + Kind, culture)
            ?? throw new InvalidOperationException($"No message resource for contract violation {Kind}.");
        return string.Format(culture, template, Subject, Expected, Actual);
    }

    /// <summary>The English sentence, as logs and the command line show it.</summary>
    public override string ToString() => Describe(CultureInfo.InvariantCulture);
}
