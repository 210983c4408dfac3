using System.Globalization;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>Chooses the decoder of a transfer syntax. Every decoder writes pixel-interleaved sample values;
/// masking to Bits Stored and sign extension happen afterwards in <see cref="DicomPixelData"/>.</summary>
internal static class PixelCodecs
{
    public static void Decode(DicomTransferSyntax syntax, ReadOnlyMemory<byte> data, FrameLayout layout, Span<int> output)
    {
        switch (syntax.Compression)
        {
            case DicomCompression.None:
                DecodeEncapsulatedNative(data.Span, layout, output);
                break;
            case DicomCompression.Rle:
                RleCodec.Decode(data.Span, layout, output);
                break;
            case DicomCompression.DeflatedFrame:
                DeflatedFrameCodec.Decode(data, layout, output);
                break;
            case DicomCompression.JpegBaseline:
            case DicomCompression.JpegExtended:
            case DicomCompression.JpegProgressive:
            case DicomCompression.JpegLossless:
                JpegCodec.Decode(data, layout, output);
                break;
            case DicomCompression.JpegLs:
                JpegLsCodec.Decode(syntax, data.Span, layout, output);
                break;
            case DicomCompression.Jpeg2000:
            case DicomCompression.HighThroughputJpeg2000:
                Jpeg2000Codec.Decode(syntax, data.Span, layout, output);
                break;
            default:
                throw new DicomCodecException($"no decoder for transfer syntax {syntax.Uid} is available; convert the file to a supported transfer syntax (for example with dcmtk's dcmconv or gdcmconv) before reading it");
        }
    }

    /// <summary>Unpacks frame bytes laid out as native little-endian pixel data.</summary>
    internal static void DecodeEncapsulatedNative(ReadOnlySpan<byte> data, FrameLayout layout, Span<int> output)
    {
        if (layout.BitsAllocated == 1)
        {
            RequireLength(data.Length, (layout.ValueCount + 7) / 8);
            for (var i = 0; i < layout.ValueCount; i++)
            {
                output[i] = (data[i >> 3] >> (i & 7)) & 1;
            }

            return;
        }

        var bytesPerValue = layout.BitsAllocated / 8;
        RequireLength(data.Length, layout.ValueCount * bytesPerValue);
        var planar = layout.SamplesPerPixel > 1 && layout.PlanarConfiguration == 1;
        for (var i = 0; i < layout.ValueCount; i++)
        {
            var target = planar ? ((i % layout.PixelCount) * layout.SamplesPerPixel) + (i / layout.PixelCount) : i;
            output[target] = bytesPerValue switch
            {
                1 => data[i],
                2 => data[i * 2] | (data[(i * 2) + 1] << 8),
                _ => System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(data[(i * 4)..]),
            };
        }
    }

    private static void RequireLength(int actual, int needed)
    {
        if (actual < needed)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the frame has {actual} bytes but needs {needed}"));
        }
    }
}
