using System.Globalization;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace StudyEdc.Inference.Contract;

/// <summary>
/// Checks an ONNX file against <see cref="ModelContract"/> before it is registered: input and output names,
/// element types, ranks and shapes. Extra outputs are allowed and ignored; an extra input is a violation because
/// the runtime would not feed it.
/// </summary>
public static class ModelContractValidator
{
    /// <summary>One dimension of a contract shape: a fixed size, or <see langword="null"/> for any size (N).</summary>
    private sealed record TensorRule(string Name, TensorElementType ElementType, long?[] Dimensions, bool SymbolicBatch)
    {
        public string Shape => FormatShape(Dimensions.Select(d => d?.ToString(CultureInfo.InvariantCulture) ?? "N"));
    }

    private static readonly TensorRule InputRule = new(
        ModelContract.InputName, TensorElementType.Float, [.. ModelContract.InputShape.Select(d => (long?)d)], SymbolicBatch: true);

    private static readonly TensorRule[] OutputRules =
    [
        new(ModelContract.BoxesOutput, TensorElementType.Float, [null, ModelContract.BoxValues], SymbolicBatch: false),
        new(ModelContract.ScoresOutput, TensorElementType.Float, [null], SymbolicBatch: false),
        new(ModelContract.MalignancyOutput, TensorElementType.Float, [null], SymbolicBatch: false),
    ];

    /// <summary>
    /// Opens <paramref name="modelPath"/> with ONNX Runtime (CPU) and lists every way it fails the contract.
    /// The SHA-256 is computed whenever the file exists, also for an invalid model.
    /// </summary>
    public static async Task<ModelValidationResult> ValidateAsync(string modelPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        if (!File.Exists(modelPath))
        {
            return new ModelValidationResult(modelPath, null,
                [new ContractViolation(ContractViolationKind.FileNotFound, modelPath, string.Empty, string.Empty)]);
        }

        var sha256 = await ModelFileHash.ComputeSha256Async(modelPath, cancellationToken).ConfigureAwait(false);
        InferenceSession session;
        try
        {
            session = new InferenceSession(modelPath);
        }
        catch (OnnxRuntimeException exception)
        {
            return new ModelValidationResult(modelPath, sha256,
                [new ContractViolation(ContractViolationKind.NotAnOnnxModel, modelPath, string.Empty, exception.Message)]);
        }

        using (session)
        {
            return new ModelValidationResult(modelPath, sha256, Check(session.InputMetadata, session.OutputMetadata));
        }
    }

    /// <summary>Lists the contract violations of a loaded session's inputs and outputs.</summary>
    internal static IReadOnlyList<ContractViolation> Check(
        IReadOnlyDictionary<string, NodeMetadata> inputs, IReadOnlyDictionary<string, NodeMetadata> outputs)
    {
        var violations = new List<ContractViolation>();

        // Exactly one input, with the name the contract requires.
        if (inputs.TryGetValue(InputRule.Name, out var input))
        {
            CheckTensor(InputRule, input, violations);
        }
        else
        {
            violations.Add(new ContractViolation(ContractViolationKind.MissingInput, InputRule.Name, InputRule.Shape,
                DescribeAll(inputs)));
        }

        foreach (var name in inputs.Keys.Where(name => name != InputRule.Name).Order(StringComparer.Ordinal))
        {
            violations.Add(new ContractViolation(ContractViolationKind.UnexpectedInput, name, InputRule.Name, string.Empty));
        }

        // Every contract output present with its type and shape; others are ignored.
        foreach (var rule in OutputRules)
        {
            if (outputs.TryGetValue(rule.Name, out var output))
            {
                CheckTensor(rule, output, violations);
            }
            else
            {
                violations.Add(new ContractViolation(ContractViolationKind.MissingOutput, rule.Name, rule.Shape,
                    DescribeAll(outputs)));
            }
        }

        return violations;
    }

    private static void CheckTensor(TensorRule rule, NodeMetadata metadata, List<ContractViolation> violations)
    {
        if (metadata.OnnxValueType != OnnxValueType.ONNX_TYPE_TENSOR)
        {
            violations.Add(new ContractViolation(ContractViolationKind.NotATensor, rule.Name, "tensor",
                metadata.OnnxValueType.ToString()));
            return;
        }

        if (metadata.ElementDataType != rule.ElementType)
        {
            violations.Add(new ContractViolation(ContractViolationKind.WrongElementType, rule.Name,
                FormatElementType(rule.ElementType), FormatElementType(metadata.ElementDataType)));
        }

        var dimensions = metadata.Dimensions;
        if (dimensions.Length != rule.Dimensions.Length)
        {
            violations.Add(new ContractViolation(ContractViolationKind.WrongRank, rule.Name,
                rule.Dimensions.Length.ToString(CultureInfo.InvariantCulture),
                dimensions.Length.ToString(CultureInfo.InvariantCulture)));
            return;
        }

        for (var axis = 0; axis < dimensions.Length; axis++)
        {
            var expected = rule.Dimensions[axis];
            var symbolic = dimensions[axis] < 0;
            var matches = expected is null
                || dimensions[axis] == expected
                || (symbolic && axis == 0 && rule.SymbolicBatch);
            if (!matches)
            {
                violations.Add(new ContractViolation(ContractViolationKind.WrongShape, rule.Name, rule.Shape,
                    FormatShape(metadata)));
                return;
            }
        }
    }

    private static string DescribeAll(IReadOnlyDictionary<string, NodeMetadata> nodes) =>
        nodes.Count == 0
            ? "(none)"
            : string.Join(", ", nodes.OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => $"'{pair.Key}' {FormatShape(pair.Value)}"));

    private static string FormatShape(NodeMetadata metadata) =>
        FormatShape(metadata.Dimensions.Select((size, axis) => size >= 0
            ? size.ToString(CultureInfo.InvariantCulture)
            : SymbolicName(metadata, axis)));

    private static string SymbolicName(NodeMetadata metadata, int axis)
    {
        var names = metadata.SymbolicDimensions;
        return axis < names.Length && !string.IsNullOrEmpty(names[axis]) ? names[axis] : "?";
    }

    private static string FormatShape(IEnumerable<string> dimensions) => "[" + string.Join(", ", dimensions) + "]";

    private static string FormatElementType(TensorElementType type) => type switch
    {
        TensorElementType.Float => "float32",
        TensorElementType.Float16 => "float16",
        TensorElementType.Double => "float64",
        _ => type.ToString().ToLowerInvariant(),
    };
}
