using System.IO.Compression;
using System.Text;

namespace StudyEdc.Core.Tests.Exports;

/// <summary>Reads written exports back: ZIP entries as text (BOM-aware) and CSV columns by header name.</summary>
internal static class ExportFiles
{
    /// <summary>Returns every entry of the ZIP as text, decoded by its byte order mark or as UTF-8 without one.</summary>
    public static Dictionary<string, string> ReadZip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            entries[entry.FullName] = reader.ReadToEnd();
        }

        return entries;
    }

    /// <summary>Returns the raw bytes of one ZIP entry.</summary>
    public static byte[] ReadZipEntryBytes(byte[] zip, string name)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Returns the values of one column of a CSV file parsed by <c>CsvTestReader</c>, by header name.</summary>
    public static List<string> Column(List<List<string>> records, string name)
    {
        var index = records[0].IndexOf(name);
        Assert.True(index >= 0, $"Column '{name}' is missing; the header is {string.Join(",", records[0])}.");
        return [.. records.Skip(1).Select(record => record[index])];
    }
}
