using System.Buffers.Binary;
using System.Globalization;

namespace StudyEdc.Dicom.Pixels;

/// <summary>
/// Splits encapsulated pixel data into frames (PS3.5 section A.4): by the Extended Offset Table, else by the Basic
/// Offset Table, else one fragment per frame when the counts match, else at fragments that start a new codestream
/// (a JPEG or JPEG-LS SOI marker, a JPEG 2000 SOC marker or JP2 signature).
/// </summary>
internal static class EncapsulatedFrames
{
    public static ReadOnlyMemory<byte>[] Split(
        DicomElement element, DicomElement? extendedOffsetTable, int frameCount, DicomTransferSyntax syntax, Func<string, DicomReadException> error)
    {
        if (element is not DicomFragmentSequence sequence)
        {
            throw error("the transfer syntax is encapsulated but Pixel Data is not a sequence of fragments");
        }

        var fragments = sequence.Fragments;
        if (fragments.Count == 0)
        {
            throw error("the encapsulated Pixel Data has no fragments");
        }

        if (frameCount == 1)
        {
            return [Concatenate(fragments, 0, fragments.Count)];
        }

        var offsets = extendedOffsetTable is not null && extendedOffsetTable.Value.Length == frameCount * 8
            ? ReadOffsets64(extendedOffsetTable.Value.Span)
            : Array.ConvertAll(sequence.GetOffsets(), offset => (long)offset);
        if (offsets.Length == frameCount)
        {
            return SplitByOffsets(fragments, offsets, error);
        }

        if (fragments.Count == frameCount)
        {
            return [.. fragments];
        }

        return SplitByMarkers(fragments, frameCount, syntax, error);
    }

    private static ReadOnlyMemory<byte>[] SplitByOffsets(IReadOnlyList<ReadOnlyMemory<byte>> fragments, long[] offsets, Func<string, DicomReadException> error)
    {
        // An offset counts from the first fragment's item tag; each fragment takes 8 bytes of item header.
        var fragmentStarts = new long[fragments.Count + 1];
        for (var i = 0; i < fragments.Count; i++)
        {
            fragmentStarts[i + 1] = fragmentStarts[i] + 8 + fragments[i].Length;
        }

        var frames = new ReadOnlyMemory<byte>[offsets.Length];
        for (var frame = 0; frame < offsets.Length; frame++)
        {
            var first = Array.IndexOf(fragmentStarts, offsets[frame]);
            var endOffset = frame + 1 < offsets.Length ? offsets[frame + 1] : fragmentStarts[^1];
            var last = Array.IndexOf(fragmentStarts, endOffset);
            if (first < 0 || last <= first || first >= fragments.Count)
            {
                throw error(string.Create(CultureInfo.InvariantCulture, $"the offset table entry {offsets[frame]} of frame {frame} does not point at a fragment"));
            }

            frames[frame] = Concatenate(fragments, first, last);
        }

        return frames;
    }

    private static ReadOnlyMemory<byte>[] SplitByMarkers(
        IReadOnlyList<ReadOnlyMemory<byte>> fragments, int frameCount, DicomTransferSyntax syntax, Func<string, DicomReadException> error)
    {
        var starts = new List<int>();
        for (var i = 0; i < fragments.Count; i++)
        {
            if (StartsCodestream(fragments[i].Span, syntax))
            {
                starts.Add(i);
            }
        }

        if (starts.Count != frameCount || starts[0] != 0)
        {
            throw error(string.Create(CultureInfo.InvariantCulture,
                $"{fragments.Count} fragments without an offset table cannot be split into {frameCount} frames ({starts.Count} start a codestream)"));
        }

        var frames = new ReadOnlyMemory<byte>[frameCount];
        for (var frame = 0; frame < frameCount; frame++)
        {
            var end = frame + 1 < frameCount ? starts[frame + 1] : fragments.Count;
            frames[frame] = Concatenate(fragments, starts[frame], end);
        }

        return frames;
    }

    private static bool StartsCodestream(ReadOnlySpan<byte> fragment, DicomTransferSyntax syntax) => syntax.Compression switch
    {
        DicomCompression.Jpeg2000 or DicomCompression.HighThroughputJpeg2000 =>
            fragment.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x4F, 0xFF, 0x51]) || fragment.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50]),
        DicomCompression.Rle => false,
        _ => fragment.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8]),
    };

    private static ReadOnlyMemory<byte> Concatenate(IReadOnlyList<ReadOnlyMemory<byte>> fragments, int first, int end)
    {
        if (end - first == 1)
        {
            return fragments[first];
        }

        var length = 0L;
        for (var i = first; i < end; i++)
        {
            length += fragments[i].Length;
        }

        var buffer = new byte[length];
        var position = 0;
        for (var i = first; i < end; i++)
        {
            fragments[i].Span.CopyTo(buffer.AsSpan(position));
            position += fragments[i].Length;
        }

        return buffer;
    }

    private static long[] ReadOffsets64(ReadOnlySpan<byte> table)
    {
        var offsets = new long[table.Length / 8];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(table[(i * 8)..]);
        }

        return offsets;
    }
}
