using System.Buffers.Binary;
using System.Globalization;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>
/// DICOM RLE Lossless (PS3.5 annex G): a 64-byte header with up to 15 segment offsets, one PackBits segment per byte
/// plane, most significant byte first, sample by sample. 1-bit data is one segment of packed bits.
/// </summary>
internal static class RleCodec
{
    private const int HeaderLength = 64;

    public static void Decode(ReadOnlySpan<byte> data, FrameLayout layout, Span<int> output)
    {
        if (data.Length < HeaderLength)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the RLE frame has {data.Length} bytes, fewer than its 64-byte header"));
        }

        var bytesPerSample = layout.BitsAllocated == 1 ? 1 : layout.BitsAllocated / 8;
        var expectedSegments = layout.SamplesPerPixel * bytesPerSample;
        var segmentCount = BinaryPrimitives.ReadInt32LittleEndian(data);
        if (segmentCount != expectedSegments)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture,
                $"the RLE header lists {segmentCount} segments but {layout.SamplesPerPixel} samples of {layout.BitsAllocated} bits need {expectedSegments}"));
        }

        var offsets = new int[segmentCount + 1];
        for (var i = 0; i < segmentCount; i++)
        {
            offsets[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(4 + (i * 4))..]);
        }

        offsets[segmentCount] = data.Length;
        var pixelCount = layout.PixelCount;
        var segmentLength = layout.BitsAllocated == 1 ? (pixelCount + 7) / 8 : pixelCount;
        var segment = new byte[segmentLength];
        output.Clear();
        for (var index = 0; index < segmentCount; index++)
        {
            var start = offsets[index];
            var end = offsets[index + 1];
            if (start < HeaderLength || end > data.Length || end < start)
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"RLE segment {index} has an invalid offset {start}"));
            }

            DecodePackBits(data[start..end], segment, index);
            if (layout.BitsAllocated == 1)
            {
                for (var i = 0; i < pixelCount; i++)
                {
                    output[i] = (segment[i >> 3] >> (i & 7)) & 1;
                }

                continue;
            }

            var sample = index / bytesPerSample;
            var shift = 8 * (bytesPerSample - 1 - (index % bytesPerSample));
            var samples = layout.SamplesPerPixel;
            for (var i = 0; i < pixelCount; i++)
            {
                output[(i * samples) + sample] |= segment[i] << shift;
            }
        }
    }

    /// <summary>Decodes one PackBits segment into <paramref name="destination"/>; bytes past its end are ignored,
    /// as some encoders pad the last run.</summary>
    private static void DecodePackBits(ReadOnlySpan<byte> source, Span<byte> destination, int segmentIndex)
    {
        var read = 0;
        var written = 0;
        while (written < destination.Length && read < source.Length)
        {
            var header = (sbyte)source[read++];
            if (header >= 0)
            {
                var count = Math.Min(header + 1, destination.Length - written);
                if (read + count > source.Length)
                {
                    break;
                }

                source.Slice(read, count).CopyTo(destination[written..]);
                read += header + 1;
                written += count;
            }
            else if (header != -128)
            {
                if (read >= source.Length)
                {
                    break;
                }

                var count = Math.Min(1 - header, destination.Length - written);
                destination.Slice(written, count).Fill(source[read++]);
                written += count;
            }
        }

        if (written < destination.Length)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture,
                $"RLE segment {segmentIndex} decodes to {written} bytes but the frame needs {destination.Length}"));
        }
    }
}
