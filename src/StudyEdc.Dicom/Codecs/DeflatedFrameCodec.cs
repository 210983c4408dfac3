using System.IO.Compression;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>Deflated Image Frame Compression (1.2.840.10008.1.2.8.1): each frame is a raw deflate stream of native
/// little-endian pixel data. Inflation stops at the frame size, so a deflate bomb cannot grow past it.</summary>
internal static class DeflatedFrameCodec
{
    public static void Decode(ReadOnlyMemory<byte> data, FrameLayout layout, Span<int> output)
    {
        var size = layout.BitsAllocated == 1
            ? (layout.ValueCount + 7) / 8
            : layout.ValueCount * (layout.BitsAllocated / 8);
        var frame = new byte[size];
        try
        {
            using var input = new MemoryStream(data.ToArray(), writable: false);
            using var inflater = new DeflateStream(input, CompressionMode.Decompress);
            inflater.ReadExactly(frame);
        }
        catch (Exception exception) when (exception is InvalidDataException or EndOfStreamException)
        {
            throw new DicomCodecException("the deflated frame is invalid or shorter than the frame size", exception);
        }

        // Planar configuration is handled by the shared native unpacking.
        PixelCodecs.DecodeEncapsulatedNative(frame, layout, output);
    }
}
