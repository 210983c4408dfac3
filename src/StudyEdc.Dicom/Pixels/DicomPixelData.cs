using System.Buffers.Binary;
using System.Globalization;
using StudyEdc.Dicom.Codecs;

namespace StudyEdc.Dicom.Pixels;

/// <summary>
/// The image pixel description of a dataset and access to its frames as stored values. Values are masked to Bits
/// Stored and sign-extended when Pixel Representation is 1. Colour samples are interleaved pixel by pixel, before any
/// colour conversion, and 1-bit data gives one value (0 or 1) per pixel.
/// </summary>
public sealed class DicomPixelData
{
    public static readonly DicomTag PixelDataTag = new(0x7FE0, 0x0010);
    public static readonly DicomTag FloatPixelDataTag = new(0x7FE0, 0x0008);

    private static readonly DicomTag RowsTag = new(0x0028, 0x0010);
    private static readonly DicomTag ColumnsTag = new(0x0028, 0x0011);
    private static readonly DicomTag SamplesPerPixelTag = new(0x0028, 0x0002);
    private static readonly DicomTag PhotometricInterpretationTag = new(0x0028, 0x0004);
    private static readonly DicomTag PlanarConfigurationTag = new(0x0028, 0x0006);
    private static readonly DicomTag NumberOfFramesTag = new(0x0028, 0x0008);
    private static readonly DicomTag BitsAllocatedTag = new(0x0028, 0x0100);
    private static readonly DicomTag BitsStoredTag = new(0x0028, 0x0101);
    private static readonly DicomTag HighBitTag = new(0x0028, 0x0102);
    private static readonly DicomTag PixelRepresentationTag = new(0x0028, 0x0103);
    private static readonly DicomTag ExtendedOffsetTableTag = new(0x7FE0, 0x0001);

    private readonly DicomDataset _dataset;
    private readonly DicomElement _element;
    private readonly string? _fileName;
    private readonly DicomFunctionalGroups _functionalGroups;
    private ReadOnlyMemory<byte>[]? _encapsulatedFrames;

    private DicomPixelData(DicomDataset dataset, DicomElement element, DicomTransferSyntax transferSyntax, string? fileName, DicomReadOptions options)
    {
        _dataset = dataset;
        _element = element;
        _fileName = fileName;
        TransferSyntax = transferSyntax;
        IsFloat = element.Tag == FloatPixelDataTag;
        Rows = RequireUInt16(RowsTag);
        Columns = RequireUInt16(ColumnsTag);
        BitsAllocated = RequireUInt16(BitsAllocatedTag);
        BitsStored = IsFloat ? BitsAllocated : dataset.GetInt32(BitsStoredTag) ?? BitsAllocated;
        HighBit = dataset.GetInt32(HighBitTag) ?? BitsStored - 1;
        PixelRepresentation = dataset.GetInt32(PixelRepresentationTag) ?? 0;
        SamplesPerPixel = dataset.GetInt32(SamplesPerPixelTag) ?? 1;
        PlanarConfiguration = dataset.GetInt32(PlanarConfigurationTag) ?? 0;
        PhotometricInterpretation = dataset.GetString(PhotometricInterpretationTag) ?? (SamplesPerPixel == 1 ? "MONOCHROME2" : "RGB");
        NumberOfFrames = ReadNumberOfFrames();
        _functionalGroups = new DicomFunctionalGroups(dataset);
        Validate(options.MaxFrameBytes);
    }

    public DicomTransferSyntax TransferSyntax { get; }

    public int Rows { get; }

    public int Columns { get; }

    public int NumberOfFrames { get; }

    public int BitsAllocated { get; }

    public int BitsStored { get; }

    public int HighBit { get; }

    /// <summary>0 for unsigned stored values, 1 for two's complement.</summary>
    public int PixelRepresentation { get; }

    public int SamplesPerPixel { get; }

    /// <summary>0 when colour samples are interleaved in the stored data, 1 when each colour plane is stored whole.</summary>
    public int PlanarConfiguration { get; }

    public string PhotometricInterpretation { get; }

    /// <summary>True for Float Pixel Data (7FE0,0008), whose values are 32-bit IEEE floats.</summary>
    public bool IsFloat { get; }

    public bool IsSigned => PixelRepresentation == 1;

    /// <summary>Stored values in one frame: rows × columns × samples per pixel.</summary>
    public int ValuesPerFrame => Rows * Columns * SamplesPerPixel;

    /// <summary>Bytes of one frame as <see cref="DecodeFrameBytes"/> returns it.</summary>
    public int BytesPerFrame => ValuesPerFrame * (BitsAllocated == 1 ? 1 : BitsAllocated / 8);

    /// <summary>Returns the pixel data of a dataset.</summary>
    /// <exception cref="DicomReadException">The dataset has no pixel data, or its attributes are missing or invalid.</exception>
    public static DicomPixelData Create(DicomDataset dataset, DicomTransferSyntax transferSyntax, string? fileName = null, DicomReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        var element = dataset.Find(PixelDataTag) ?? dataset.Find(FloatPixelDataTag)
            ?? throw new DicomReadException("the dataset has no Pixel Data", fileName, null, PixelDataTag);
        try
        {
            return new DicomPixelData(dataset, element, transferSyntax, fileName, options ?? DicomReadOptions.Default);
        }
        catch (FormatException exception)
        {
            throw new DicomReadException($"an image pixel attribute is invalid: {exception.Message}", fileName, null, null, exception);
        }
    }

    /// <summary>Decodes a frame to stored values (see the class summary). Values of unsigned 32-bit data above
    /// <see cref="int.MaxValue"/> appear negative; read them as <see cref="uint"/>.</summary>
    /// <exception cref="DicomReadException">The frame is damaged, truncated or its codec is unavailable.</exception>
    public int[] DecodeFrame(int frame)
    {
        var values = new int[ValuesPerFrame];
        DecodeFrame(frame, values);
        return values;
    }

    /// <summary>Decodes a frame into <paramref name="destination"/>, which must hold <see cref="ValuesPerFrame"/> values.</summary>
    public void DecodeFrame(int frame, Span<int> destination)
    {
        CheckFrame(frame);
        if (IsFloat)
        {
            throw Error("Float Pixel Data contains floating-point values; use DecodeFrameFloat");
        }

        if (destination.Length < ValuesPerFrame)
        {
            throw new ArgumentException($"The destination has room for {destination.Length} values but a frame has {ValuesPerFrame}.", nameof(destination));
        }

        var output = destination[..ValuesPerFrame];
        if (TransferSyntax.IsEncapsulated)
        {
            DecodeEncapsulatedFrame(frame, output);
        }
        else if (_element is DicomFragmentSequence)
        {
            throw Error($"Pixel Data is encapsulated but the transfer syntax {TransferSyntax.Uid} is not");
        }
        else
        {
            NativePixelReader.ReadFrame(_element.Value.Span, frame, this, output);
        }

        MaskToBitsStored(output);
    }

    /// <summary>Decodes a frame of Float Pixel Data.</summary>
    public float[] DecodeFrameFloat(int frame)
    {
        CheckFrame(frame);
        if (!IsFloat)
        {
            throw Error("the pixel data contains integers; use DecodeFrame");
        }

        var bytes = _element.Value.Span;
        var start = (long)frame * ValuesPerFrame * 4;
        if (start + (ValuesPerFrame * 4L) > bytes.Length)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Float Pixel Data has {bytes.Length} bytes but frame {frame} ends at byte {start + (ValuesPerFrame * 4L)}"));
        }

        var values = new float[ValuesPerFrame];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(int)(start + (i * 4))..]);
        }

        return values;
    }

    /// <summary>Decodes a frame to stored values written as little-endian integers BitsAllocated wide (one byte per
    /// pixel for 1-bit data, IEEE floats for Float Pixel Data): the byte layout whose SHA-256 identifies pixel data.</summary>
    public byte[] DecodeFrameBytes(int frame)
    {
        if (IsFloat)
        {
            var bytes = new byte[BytesPerFrame];
            var floats = DecodeFrameFloat(frame);
            for (var i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), floats[i]);
            }

            return bytes;
        }

        return PixelDigest.ToBytes(DecodeFrame(frame), BitsAllocated);
    }

    /// <summary>Returns the frame's linear rescale from its functional groups or the top-level Rescale Slope and
    /// Intercept, or null when the dataset has none (a Modality LUT Sequence is not applied).</summary>
    public DicomRescale? GetRescale(int frame)
    {
        CheckFrame(frame);
        try
        {
            return _functionalGroups.GetRescale(frame);
        }
        catch (FormatException exception)
        {
            throw new DicomReadException($"the rescale of frame {frame.ToString(CultureInfo.InvariantCulture)} is invalid: {exception.Message}", _fileName, null, null, exception);
        }
    }

    /// <summary>Decodes a frame and applies its rescale (Hounsfield units for CT); without a rescale the
    /// stored values are returned unchanged as floats.</summary>
    public float[] DecodeFrameRescaled(int frame)
    {
        var rescale = GetRescale(frame) ?? new DicomRescale(1, 0);
        var output = new float[ValuesPerFrame];
        if (IsFloat)
        {
            var floats = DecodeFrameFloat(frame);
            for (var i = 0; i < output.Length; i++)
            {
                output[i] = (float)rescale.Apply(floats[i]);
            }

            return output;
        }

        var values = DecodeFrame(frame);
        var unsigned32 = BitsAllocated == 32 && !IsSigned;
        for (var i = 0; i < output.Length; i++)
        {
            var stored = unsigned32 ? (double)(uint)values[i] : values[i];
            output[i] = (float)rescale.Apply(stored);
        }

        return output;
    }

    /// <summary>Returns where the frame lies in patient coordinates.</summary>
    public DicomFrameGeometry GetFrameGeometry(int frame)
    {
        CheckFrame(frame);
        try
        {
            return _functionalGroups.GetGeometry(frame);
        }
        catch (FormatException exception)
        {
            throw new DicomReadException($"the geometry of frame {frame.ToString(CultureInfo.InvariantCulture)} is invalid: {exception.Message}", _fileName, null, null, exception);
        }
    }

    /// <summary>Returns the compressed bytes of one frame of encapsulated pixel data.</summary>
    public ReadOnlyMemory<byte> GetEncapsulatedFrame(int frame)
    {
        CheckFrame(frame);
        if (!TransferSyntax.IsEncapsulated)
        {
            throw Error("the pixel data is not encapsulated");
        }

        _encapsulatedFrames ??= EncapsulatedFrames.Split(_element, _dataset.Find(ExtendedOffsetTableTag), NumberOfFrames, TransferSyntax, Error);
        return _encapsulatedFrames[frame];
    }

    internal DicomReadException Error(string problem) => new(problem, _fileName, null, _element.Tag);

    private void DecodeEncapsulatedFrame(int frame, Span<int> output)
    {
        var data = GetEncapsulatedFrame(frame);
        var layout = new FrameLayout(Rows, Columns, SamplesPerPixel, BitsAllocated, BitsStored, IsSigned, PlanarConfiguration);
        try
        {
            PixelCodecs.Decode(TransferSyntax, data, layout, output);
        }
        catch (DicomCodecException exception)
        {
            throw new DicomReadException(
                string.Create(CultureInfo.InvariantCulture, $"frame {frame} cannot be decoded ({TransferSyntax.Name}): {exception.Message}"),
                _fileName, null, _element.Tag, exception);
        }
    }

    private void MaskToBitsStored(Span<int> values)
    {
        if (BitsStored >= 32)
        {
            return;
        }

        var mask = (int)((1u << BitsStored) - 1);
        var signBit = 1 << (BitsStored - 1);
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i] & mask;
            values[i] = IsSigned && (value & signBit) != 0 ? value - (mask + 1) : value;
        }
    }

    private int ReadNumberOfFrames()
    {
        int? frames;
        try
        {
            frames = _dataset.GetInt32(NumberOfFramesTag);
        }
        catch (FormatException exception)
        {
            throw new DicomReadException($"Number of Frames is not an integer: {exception.Message}", _fileName, null, NumberOfFramesTag, exception);
        }

        return frames is null or 0 ? 1 : frames.Value;
    }

    private int RequireUInt16(DicomTag tag) =>
        _dataset.GetInt32(tag) ?? throw new DicomReadException($"the pixel data has no {tag.Keyword}", _fileName, null, tag);

    private void Validate(long maxFrameBytes)
    {
        if (Rows <= 0 || Columns <= 0)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Rows {Rows} and Columns {Columns} must both be positive"));
        }

        if (BitsAllocated is not (1 or 8 or 16 or 32) || (IsFloat && BitsAllocated != 32))
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Bits Allocated {BitsAllocated} is not supported; it must be 1, 8, 16 or 32"));
        }

        if (BitsStored < 1 || BitsStored > BitsAllocated)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Bits Stored {BitsStored} must be between 1 and Bits Allocated {BitsAllocated}"));
        }

        if (SamplesPerPixel is not (1 or 3 or 4))
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Samples per Pixel {SamplesPerPixel} must be 1 or 3"));
        }

        if (NumberOfFrames < 1)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"Number of Frames {NumberOfFrames} must be positive"));
        }

        // Stored values are decoded to 32-bit integers, so that is the size that must fit.
        if ((long)Rows * Columns * SamplesPerPixel * sizeof(int) > maxFrameBytes)
        {
            throw Error(string.Create(CultureInfo.InvariantCulture, $"a frame of {Rows} × {Columns} × {SamplesPerPixel} samples exceeds the limit of {maxFrameBytes} bytes"));
        }
    }

    private void CheckFrame(int frame)
    {
        if (frame < 0 || frame >= NumberOfFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(frame), frame, $"The pixel data has {NumberOfFrames} frames (0 to {NumberOfFrames - 1}).");
        }
    }
}
