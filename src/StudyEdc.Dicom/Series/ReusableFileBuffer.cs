using System.Globalization;

namespace StudyEdc.Dicom.Series;

/// <summary>
/// Reads DICOM files one after another into one reused buffer, so that scanning or assembling a series of any
/// length allocates the file buffer once (as large as the largest file) instead of once per file.
/// </summary>
/// <remarks>
/// A <see cref="DicomFile"/> returned by <see cref="Open"/> refers to slices of the buffer, so it is valid only until
/// the next call. Per-file arrays of half a megabyte land on the large object heap. The runtime may leave them uncollected
/// long enough for the process to grow by every file read, so the buffer is reused.
/// </remarks>
internal sealed class ReusableFileBuffer(DicomReadOptions options)
{
    private byte[] _buffer = [];

    public DicomFile Open(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length > options.MaxFileBytes)
        {
            throw new DicomReadException(
                string.Create(CultureInfo.InvariantCulture, $"the file is larger than the limit of {options.MaxFileBytes} bytes; raise DicomReadOptions limits to read it"),
                path, null, null);
        }

        if (_buffer.Length < length)
        {
            _buffer = new byte[length];
        }

        var read = 0;
        while (read < length)
        {
            var count = stream.Read(_buffer, read, (int)length - read);
            if (count == 0)
            {
                break;
            }

            read += count;
        }

        return DicomFile.Parse(_buffer.AsMemory(0, read), path, options);
    }
}
