using System.Text.Json;
using StudyEdc.Cli.Commands;
using StudyEdc.TestSupport;

namespace StudyEdc.Cli.Tests;

public sealed class DicomInspectCommandTests
{
    private static readonly string[] Keys =
    [
        "path", "transferSyntaxUid", "transferSyntaxName", "sopClassUid", "modality", "seriesInstanceUid", "rows", "columns", "frames",
        "bitsAllocated", "bitsStored", "pixelRepresentation", "samplesPerPixel", "pixelSha256", "storedMin",
        "storedMax", "huMin", "huMax", "huMean", "error",
    ];

    [Fact]
    public async Task Json_lists_documented_keys_per_file()
    {
        var path = RepositoryPaths.TestData("dicom", "wg04", "data", "WG04", "JPLL", "CT1_JPLL");

        var (exitCode, output, _) = await CliRunner.RunAsync("dicom", "inspect", "--json", path);

        Assert.Equal(DicomCommands.ExitAllRead, exitCode);
        using var json = JsonDocument.Parse(output);
        var file = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(Keys, file.EnumerateObject().Select(property => property.Name));
        Assert.Equal("1.2.840.10008.1.2.4.70", file.GetProperty("transferSyntaxUid").GetString());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Json_hash_matches_manifest()
    {
        var path = RepositoryPaths.TestData("dicom", "wg04", "data", "WG04", "RLE", "CT2_RLE");
        var expected = ManifestHash("wg04/data/WG04/RLE/CT2_RLE");

        var (_, output, _) = await CliRunner.RunAsync("dicom", "inspect", "--json", path);

        using var json = JsonDocument.Parse(output);
        Assert.Equal(expected, json.RootElement[0].GetProperty("pixelSha256").GetString());
    }

    [Fact]
    public async Task Folder_is_searched_recursively_and_rejections_reported()
    {
        var folder = RepositoryPaths.TestData("dicom", "dicomParser", "testImages", "deflate");

        var (exitCode, output, _) = await CliRunner.RunAsync("dicom", "inspect", "--json", folder);

        Assert.Equal(DicomCommands.ExitRejected, exitCode);
        using var json = JsonDocument.Parse(output);
        var files = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Length, files.Count);
        Assert.Contains(files, file => file.GetProperty("path").GetString()!.EndsWith("README.md", StringComparison.Ordinal)
            && file.GetProperty("error").GetString()!.Contains("not a DICOM file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_path_exits_with_two()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("dicom", "inspect", "/no/such/folder");

        Assert.Equal(DicomCommands.ExitBadPath, exitCode);
        Assert.Contains("/no/such/folder", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_output_shows_rescaled_range()
    {
        var path = RepositoryPaths.TestData("dicom", "dcmqi", "data", "segmentations", "ct-3slice", "01.dcm");

        var (exitCode, output, _) = await CliRunner.RunAsync("dicom", "inspect", path);

        Assert.Equal(DicomCommands.ExitAllRead, exitCode);
        Assert.Contains(path, output, StringComparison.Ordinal);
        Assert.Contains("1.2.840.10008.1.2", output, StringComparison.Ordinal);
    }

    private static string ManifestHash(string relativePath)
    {
        var lines = File.ReadAllLines(RepositoryPaths.TestData("dicom", "MANIFEST.tsv"));
        var header = lines[0].Split('\t');
        var row = lines.Skip(1).Select(line => line.Split('\t')).Single(fields => fields[0] == relativePath);
        return row[Array.IndexOf(header, "pixel_sha256_masked")];
    }
}
