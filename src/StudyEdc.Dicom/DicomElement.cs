using System.Buffers.Binary;
using System.Text;
using StudyEdc.Dicom.Text;

namespace StudyEdc.Dicom;

/// <summary>
/// One data element: tag, value representation and value bytes. Values are always held in little-endian byte
/// order (a big-endian file is converted while it is read), with the padding byte the file had, so a writer can
/// serialize an element again without knowing its meaning. Private elements are kept as the bytes read.
/// </summary>
public class DicomElement(DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value)
{
    public DicomTag Tag { get; } = tag;

    public DicomVR VR { get; } = vr;

    /// <summary>Value bytes, little-endian, including any padding byte; empty for sequences and fragments.</summary>
    public ReadOnlyMemory<byte> Value { get; } = value;

    /// <summary>Creates a text element; characters are encoded with <paramref name="characterSet"/> when the VR uses
    /// the Specific Character Set, else as ASCII, and the value is padded to even length.</summary>
    public static DicomElement FromString(DicomTag tag, DicomVR vr, string value, DicomCharacterSet? characterSet = null)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!vr.IsText())
        {
            throw new ArgumentException($"VR {vr} of {tag} is not a text VR.", nameof(vr));
        }

        var bytes = vr.UsesCharacterSet()
            ? (characterSet ?? DicomCharacterSet.Default).Encode(value)
            : Encoding.ASCII.GetBytes(value);
        return new DicomElement(tag, vr, PadToEven(bytes, vr.PaddingByte()));
    }

    /// <summary>Creates a US element from one or more values.</summary>
    public static DicomElement FromUInt16(DicomTag tag, params ushort[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return new DicomElement(tag, DicomVR.US, bytes);
    }

    /// <summary>Creates a UL element from one or more values.</summary>
    public static DicomElement FromUInt32(DicomTag tag, params uint[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * 4];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), values[i]);
        }

        return new DicomElement(tag, DicomVR.UL, bytes);
    }

    public override string ToString() => $"{Tag} {VR} {Value.Length} bytes";

    internal static byte[] PadToEven(byte[] bytes, byte padding)
    {
        if (bytes.Length % 2 == 0)
        {
            return bytes;
        }

        var padded = new byte[bytes.Length + 1];
        bytes.CopyTo(padded, 0);
        padded[^1] = padding;
        return padded;
    }
}

/// <summary>A sequence of items (VR SQ), each a nested dataset. A VR UN element of undefined length is read as one
/// (PS3.5 section 6.2.2, CP-246), so its VR here is SQ.</summary>
public sealed class DicomSequence(DicomTag tag, IReadOnlyList<DicomDataset> items)
    : DicomElement(tag, DicomVR.SQ, ReadOnlyMemory<byte>.Empty)
{
    public IReadOnlyList<DicomDataset> Items { get; } = items;

    public override string ToString() => $"{Tag} SQ {Items.Count} items";
}

/// <summary>Encapsulated (compressed) pixel data: the Basic Offset Table and the fragments, as stored
/// (PS3.5 section A.4). The VR is OB.</summary>
public sealed class DicomFragmentSequence(DicomTag tag, ReadOnlyMemory<byte> offsetTable, IReadOnlyList<ReadOnlyMemory<byte>> fragments)
    : DicomElement(tag, DicomVR.OB, ReadOnlyMemory<byte>.Empty)
{
    /// <summary>The Basic Offset Table item's value: 32-bit little-endian offsets, often empty.</summary>
    public ReadOnlyMemory<byte> OffsetTable { get; } = offsetTable;

    public IReadOnlyList<ReadOnlyMemory<byte>> Fragments { get; } = fragments;

    /// <summary>Offsets of the first fragment of each frame, relative to the first fragment's item tag.</summary>
    public uint[] GetOffsets()
    {
        var span = OffsetTable.Span;
        var offsets = new uint[span.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(span[(i * 4)..]);
        }

        return offsets;
    }

    public override string ToString() => $"{Tag} OB encapsulated, {Fragments.Count} fragments";
}
