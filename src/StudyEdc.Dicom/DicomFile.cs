using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using StudyEdc.Dicom.IO.Reading;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom;

/// <summary>
/// A DICOM Part 10 file, or a bare dataset without preamble and meta information as some exports contain.
/// The whole file is read into memory (bounded by <see cref="DicomReadOptions.MaxFileBytes"/>); element values
/// are slices of that buffer.
/// </summary>
public sealed class DicomFile
{
    private const int PreambleLength = 128;

    private DicomFile(DicomFileMeta fileMeta, DicomDataset dataset, string? fileName)
    {
        FileMeta = fileMeta;
        Dataset = dataset;
        FileName = fileName;
    }

    public DicomFileMeta FileMeta { get; }

    /// <summary>The dataset after the meta information.</summary>
    public DicomDataset Dataset { get; }

    /// <summary>The path or name given when reading, used in error messages.</summary>
    public string? FileName { get; }

    public DicomTransferSyntax TransferSyntax => FileMeta.TransferSyntax;

    /// <summary>Reads a file from disk.</summary>
    /// <exception cref="DicomReadException">The file is not DICOM, is damaged or exceeds a limit.</exception>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, path, options);
    }

    /// <summary>Reads a file from disk without blocking the calling thread during the file read.</summary>
    public static async Task<DicomFile> OpenAsync(string path, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= DicomReadOptions.Default;
        var length = new FileInfo(path).Length;
        CheckFileLength(length, path, options);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(bytes, path, options);
    }

    /// <summary>Reads a DICOM stream to its end. The stream need not be seekable.</summary>
    /// <exception cref="DicomReadException">The data is not DICOM, is damaged or exceeds a limit.</exception>
    public static DicomFile Read(Stream stream, string? fileName = null, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        options ??= DicomReadOptions.Default;
        var bytes = ReadToEnd(stream, fileName, options);
        return Parse(bytes, fileName, options);
    }

    /// <summary>Parses DICOM data already in memory; the file keeps references into <paramref name="data"/>.</summary>
    public static DicomFile Parse(ReadOnlyMemory<byte> data, string? fileName = null, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        CheckFileLength(data.Length, fileName, options);
        var span = data.Span;

        // Test for the preamble and the "DICM" prefix; some writers omit the preamble and keep the prefix.
        var position = 0;
        var hasPreamble = false;
        if (span.Length >= PreambleLength + 4 && span.Slice(PreambleLength, 4).SequenceEqual("DICM"u8))
        {
            position = PreambleLength + 4;
            hasPreamble = true;
        }
        else if (span.Length >= 4 && span[..4].SequenceEqual("DICM"u8))
        {
            position = 4;
        }

        var meta = new DicomDataset();
        var reader = new DicomDatasetReader(data, fileName, options, 0) { Position = position, IsExplicitVR = true };
        reader.ReadFileMeta(meta);
        position = reader.Position;

        var uid = meta.GetString(DicomFileMeta.TransferSyntaxUidTag);
        var inferred = string.IsNullOrEmpty(uid);
        var syntax = inferred ? InferTransferSyntax(span[position..], fileName, position) : DicomTransferSyntax.FromUid(uid!);
        var fileMeta = new DicomFileMeta(meta, syntax, hasPreamble, inferred);

        var dataset = new DicomDataset();
        if (syntax.IsDeflated)
        {
            var inflated = Inflate(data[position..], fileName, position, options);
            var deflatedReader = new DicomDatasetReader(inflated, fileName, options, 0) { IsExplicitVR = true };
            ReadMainDataset(deflatedReader, dataset, inflated.Span, syntax);
        }
        else
        {
            reader.Position = position;
            reader.IsExplicitVR = syntax.IsExplicitVR;
            reader.IsBigEndian = syntax.IsBigEndian;
            ReadMainDataset(reader, dataset, span, syntax);
        }

        return new DicomFile(fileMeta, dataset, fileName);
    }

    /// <summary>Returns the pixel data of the top-level dataset.</summary>
    /// <exception cref="DicomReadException">There is no pixel data or its attributes are missing or inconsistent.</exception>
    public DicomPixelData GetPixelData() => DicomPixelData.Create(Dataset, TransferSyntax, FileName);

    private static void ReadMainDataset(DicomDatasetReader reader, DicomDataset dataset, ReadOnlySpan<byte> data, DicomTransferSyntax syntax)
    {
        // Some files declare explicit VR and are written in implicit VR, or the other way round; follow the bytes of
        // the first element, as other readers do.
        var position = reader.Position;
        if (!syntax.IsBigEndian && data.Length - position >= 8)
        {
            reader.IsExplicitVR = DicomVRExtensions.TryParse(data[position + 4], data[position + 5], out _);
        }

        reader.ReadDataset(dataset, reader.Length);
    }

    private static DicomTransferSyntax InferTransferSyntax(ReadOnlySpan<byte> data, string? fileName, int offset)
    {
        if (data.Length < 8)
        {
            throw new DicomReadException("not a DICOM file: it has no preamble, no meta information and no data element", fileName, offset, null);
        }

        var littleGroup = BinaryPrimitives.ReadUInt16LittleEndian(data);
        var bigGroup = BinaryPrimitives.ReadUInt16BigEndian(data);
        var explicitVR = DicomVRExtensions.TryParse(data[4], data[5], out _);

        // A dataset starts with a low, even group number (0008 in practice); whichever byte order gives one wins.
        if (IsPlausibleFirstGroup(littleGroup))
        {
            return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        if (IsPlausibleFirstGroup(bigGroup) && explicitVR)
        {
            return DicomTransferSyntax.ExplicitVRBigEndian;
        }

        throw new DicomReadException(
            string.Create(CultureInfo.InvariantCulture, $"not a DICOM file: no preamble, no meta information, and the first bytes (group {littleGroup:X4}) are not a data element"),
            fileName, offset, null);
    }

    private static bool IsPlausibleFirstGroup(ushort group) => group is >= 0x0002 and <= 0x0100 && group % 2 == 0;

    private static ReadOnlyMemory<byte> Inflate(ReadOnlyMemory<byte> deflated, string? fileName, int offset, DicomReadOptions options)
    {
        using var input = new MemoryStream(deflated.ToArray(), writable: false);
        using var inflater = new DeflateStream(input, CompressionMode.Decompress);
        try
        {
            return ReadToEnd(inflater, fileName, options with { MaxFileBytes = options.MaxInflatedBytes }, "inflated dataset");
        }
        catch (InvalidDataException exception)
        {
            throw new DicomReadException("the deflated dataset is not valid deflate data", fileName, offset, null, exception);
        }
    }

    private static ReadOnlyMemory<byte> ReadToEnd(Stream stream, string? fileName, DicomReadOptions options, string what = "file")
    {
        if (stream.CanSeek)
        {
            CheckFileLength(stream.Length - stream.Position, fileName, options, what);
        }

        var buffer = new byte[stream.CanSeek ? (int)(stream.Length - stream.Position) : 64 * 1024];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // Grow in steps, never past the limit, so a stream that claims nothing still stays bounded.
                var next = Math.Min(Math.Max(buffer.Length * 2L, 64 * 1024), options.MaxFileBytes + 1);
                if (next <= buffer.Length || next > Array.MaxLength)
                {
                    CheckFileLength(length + 1L, fileName, options, what);
                }

                Array.Resize(ref buffer, (int)Math.Min(next, Array.MaxLength));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
            CheckFileLength(length, fileName, options, what);
            if (stream.CanSeek && length == buffer.Length && stream.Position >= stream.Length)
            {
                break;
            }
        }

        return buffer.AsMemory(0, length);
    }

    private static void CheckFileLength(long length, string? fileName, DicomReadOptions options, string what = "file")
    {
        if (length > options.MaxFileBytes)
        {
            throw new DicomReadException(
                string.Create(CultureInfo.InvariantCulture, $"the {what} is larger than the limit of {options.MaxFileBytes} bytes; raise DicomReadOptions limits to read it"),
                fileName, null, null);
        }
    }
}
