using System.Buffers.Binary;
using System.Globalization;

namespace StudyEdc.Dicom.Pixels;

/// <summary>Reads frames of native (uncompressed) pixel data, held little-endian, into interleaved stored values.</summary>
internal static class NativePixelReader
{
    public static void ReadFrame(ReadOnlySpan<byte> data, int frame, DicomPixelData pixels, Span<int> output)
    {
        var values = pixels.ValuesPerFrame;
        if (pixels.BitsAllocated == 1)
        {
            ReadBitFrame(data, frame, pixels, output);
            return;
        }

        if (IsSubsampledYbr(data, pixels))
        {
            ReadYbrFull422Frame(data, frame, pixels, output);
            return;
        }

        var bytesPerValue = pixels.BitsAllocated / 8;
        var frameBytes = (long)values * bytesPerValue;
        var start = frameBytes * frame;
        if (start + frameBytes > data.Length)
        {
            throw pixels.Error(string.Create(CultureInfo.InvariantCulture,
                $"Pixel Data has {data.Length} bytes but frame {frame} of {pixels.Rows} × {pixels.Columns} × {pixels.SamplesPerPixel} samples at {pixels.BitsAllocated} bits ends at byte {start + frameBytes}"));
        }

        var bytes = data.Slice((int)start, (int)frameBytes);
        var planar = pixels.SamplesPerPixel > 1 && pixels.PlanarConfiguration == 1;
        var pixelCount = pixels.Rows * pixels.Columns;
        var samples = pixels.SamplesPerPixel;
        for (var i = 0; i < values; i++)
        {
            // Planar data stores each colour plane whole; write it out pixel-interleaved.
            var target = planar ? ((i % pixelCount) * samples) + (i / pixelCount) : i;
            output[target] = bytesPerValue switch
            {
                1 => bytes[i],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]),
                _ => BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]),
            };
        }
    }

    /// <summary>True for native YBR_FULL_422, stored as Y1 Y2 Cb Cr for each pair of pixels (PS3.3 C.7.6.3.1.2),
    /// unless the data is as long as full-resolution samples would be.</summary>
    private static bool IsSubsampledYbr(ReadOnlySpan<byte> data, DicomPixelData pixels) =>
        pixels.PhotometricInterpretation == "YBR_FULL_422" && pixels.SamplesPerPixel == 3 && pixels.BitsAllocated == 8
        && pixels.Columns % 2 == 0 && data.Length < (long)pixels.ValuesPerFrame * pixels.NumberOfFrames;

    private static void ReadYbrFull422Frame(ReadOnlySpan<byte> data, int frame, DicomPixelData pixels, Span<int> output)
    {
        var pixelCount = pixels.Rows * pixels.Columns;
        var frameBytes = (long)pixelCount * 2;
        var start = frameBytes * frame;
        if (start + frameBytes > data.Length)
        {
            throw pixels.Error(string.Create(CultureInfo.InvariantCulture,
                $"Pixel Data has {data.Length} bytes but YBR_FULL_422 frame {frame} ends at byte {start + frameBytes}"));
        }

        // Each pair of pixels shares one Cb and one Cr; repeat them so every pixel has three samples.
        var bytes = data.Slice((int)start, (int)frameBytes);
        for (var pair = 0; pair < pixelCount / 2; pair++)
        {
            var source = pair * 4;
            var target = pair * 6;
            output[target] = bytes[source];
            output[target + 1] = bytes[source + 2];
            output[target + 2] = bytes[source + 3];
            output[target + 3] = bytes[source + 1];
            output[target + 4] = bytes[source + 2];
            output[target + 5] = bytes[source + 3];
        }
    }

    private static void ReadBitFrame(ReadOnlySpan<byte> data, int frame, DicomPixelData pixels, Span<int> output)
    {
        // Frames of 1-bit data follow each other bit by bit, so a frame need not start on a byte boundary.
        var values = pixels.ValuesPerFrame;
        var firstBit = (long)values * frame;
        var endBit = firstBit + values;
        if ((endBit + 7) / 8 > data.Length)
        {
            throw pixels.Error(string.Create(CultureInfo.InvariantCulture,
                $"Pixel Data has {data.Length} bytes but 1-bit frame {frame} ends at bit {endBit}"));
        }

        for (var i = 0; i < values; i++)
        {
            var bit = firstBit + i;
            output[i] = (data[(int)(bit >> 3)] >> (int)(bit & 7)) & 1;
        }
    }
}
