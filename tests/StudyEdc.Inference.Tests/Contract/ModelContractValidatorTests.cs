using System.Globalization;
using StudyEdc.Inference.Contract;

namespace StudyEdc.Inference.Tests.Contract;

public sealed class ModelContractValidatorTests
{
    [Fact]
    public async Task Reference_model_meets_the_contract()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.FilePath, TestContext.Current.CancellationToken);

        Assert.Empty(result.Violations);
        Assert.True(result.IsValid);
    }

    [Fact]
    public async Task Reference_model_hash_matches_the_recorded_sha256()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.FilePath, TestContext.Current.CancellationToken);

        Assert.Equal(ReferenceModel.RecordedSha256, result.Sha256);
    }

    [Fact]
    public async Task Wrong_model_lists_every_violation()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.WrongContractPath, TestContext.Current.CancellationToken);

        Assert.False(result.IsValid);
        Assert.Equal(
            [
                (ContractViolationKind.MissingInput, "ct"),
                (ContractViolationKind.UnexpectedInput, "image"),
                (ContractViolationKind.WrongElementType, "boxes"),
                (ContractViolationKind.WrongShape, "boxes"),
                (ContractViolationKind.MissingOutput, "scores"),
                (ContractViolationKind.MissingOutput, "malignancy"),
            ],
            result.Violations.Select(violation => (violation.Kind, violation.Subject)));
    }

    [Fact]
    public async Task Missing_input_message_names_inputs()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.WrongContractPath, TestContext.Current.CancellationToken);

        var missing = result.Violations.Single(violation => violation.Kind == ContractViolationKind.MissingInput);
        Assert.Equal(
            "The model has no input named 'ct'. The contract requires exactly one input 'ct' of shape [1, 2, 64, 64, 64]; "
            + "this model's inputs are 'image' [1, 1, 32, 32, 32].",
            missing.ToString());
    }

    [Fact]
    public async Task Wrong_shape_message_shows_both_shapes()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.WrongContractPath, TestContext.Current.CancellationToken);

        var shape = result.Violations.Single(violation => violation.Kind == ContractViolationKind.WrongShape);
        Assert.Equal("'boxes' has shape [N, 4], but the contract requires [N, 6], where N may be any size.", shape.ToString());
    }

    [Fact]
    public async Task Violation_is_described_in_simplified_chinese()
    {
        var result = await ModelContractValidator.ValidateAsync(ReferenceModel.WrongContractPath, TestContext.Current.CancellationToken);

        var type = result.Violations.Single(violation => violation.Kind == ContractViolationKind.WrongElementType);
        Assert.Equal("“boxes”的元素类型为 int64，而模型契约要求 float32。请在导出的计算图中进行类型转换。",
            type.Describe(CultureInfo.GetCultureInfo("zh-CN")));
    }

    [Fact]
    public async Task Missing_file_is_reported_without_a_hash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.onnx");

        var result = await ModelContractValidator.ValidateAsync(path, TestContext.Current.CancellationToken);

        Assert.Null(result.Sha256);
        Assert.Equal(ContractViolationKind.FileNotFound, Assert.Single(result.Violations).Kind);
    }

    [Fact]
    public async Task Non_onnx_file_is_rejected_with_hash()
    {
        var path = Path.Combine(Path.GetTempPath(), $"not-a-model-{Guid.NewGuid():N}.onnx");
        await File.WriteAllTextAsync(path, "abc", TestContext.Current.CancellationToken);
        try
        {
            var result = await ModelContractValidator.ValidateAsync(path, TestContext.Current.CancellationToken);

            Assert.Equal(ContractViolationKind.NotAnOnnxModel, Assert.Single(result.Violations).Kind);
            // SHA-256 of the three bytes "abc" (FIPS 180-2, appendix B.1).
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", result.Sha256);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
