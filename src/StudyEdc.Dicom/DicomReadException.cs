using System.Globalization;

namespace StudyEdc.Dicom;

/// <summary>
/// A file or stream that cannot be read as DICOM, or pixel data that cannot be decoded. The message names the
/// file, the byte offset or tag where reading stopped, and the problem.
/// </summary>
public sealed class DicomReadException : Exception
{
    public DicomReadException()
        : this("The DICOM data could not be read.")
    {
    }

    public DicomReadException(string message)
        : base(message)
    {
        Problem = message;
    }

    public DicomReadException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = message;
    }

    public DicomReadException(string problem, string? fileName, long? offset, DicomTag? tag, Exception? innerException = null)
        : base(Compose(problem, fileName, offset, tag), innerException)
    {
        Problem = problem;
        FileName = fileName;
        Offset = offset;
        Tag = tag;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>Path or name of the source, when the caller gave one.</summary>
    public string? FileName { get; }

    /// <summary>Byte offset in the file (or in the inflated dataset of a deflated file) where reading stopped.</summary>
    public long? Offset { get; }

    /// <summary>The element being read, when known.</summary>
    public DicomTag? Tag { get; }

    private static string Compose(string problem, string? fileName, long? offset, DicomTag? tag)
    {
        var location = new List<string>();
        if (offset is not null)
        {
            location.Add(string.Create(CultureInfo.InvariantCulture, $"offset {offset}"));
        }

        if (tag is not null)
        {
            var keyword = tag.Value.Keyword;
            location.Add(keyword is null ? $"element {tag}" : $"element {tag} {keyword}");
        }

        var where = location.Count > 0 ? $" ({string.Join(", ", location)})" : "";
        return fileName is null ? $"{problem}{where}" : $"{fileName}: {problem}{where}";
    }
}
