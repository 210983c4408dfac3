using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace StudyEdc.Core.Analysis;

/// <summary>
/// The canonical JSON form of an <see cref="AnalysisDataset"/> and its SHA-256. Canonical means: a fixed property
/// order (declaration order), camelCase names, enums as their names, no whitespace, and numbers written by
/// System.Text.Json in their shortest round-trip form, which does not depend on the culture. Rows must already be
/// sorted (<see cref="AnalysisDatasetBuilder"/> sorts them), so the same data always gives the same bytes.
/// </summary>
public static class AnalysisDatasetJson
{
    /// <summary>Version of the layout, written first; a reader rejects a snapshot of a version it does not know.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Serializes <paramref name="dataset"/> canonically.</summary>
    public static string Serialize(AnalysisDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return JsonSerializer.Serialize(new Document(FormatVersion, dataset), Options);
    }

    /// <summary>Reads a dataset written by <see cref="Serialize"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not a dataset of a known format version.</exception>
    public static AnalysisDataset Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Document? document;
        try
        {
            document = JsonSerializer.Deserialize<Document>(json, Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException("The analysis dataset is not valid JSON of the expected layout.", exception);
        }

        if (document is null || document.Format != FormatVersion)
        {
            throw new InvalidDataException(
                $"The analysis dataset has format version {document?.Format}; this version of StudyEdc reads version {FormatVersion}.");
        }

        return document.Dataset;
    }

    /// <summary>Returns the lower-case hexadecimal SHA-256 of the UTF-8 bytes of <paramref name="json"/>.</summary>
    public static string Sha256(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    private sealed record Document(int Format, AnalysisDataset Dataset);
}
