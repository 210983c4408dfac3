using System.Buffers.Binary;
using System.Text;

namespace StudyEdc.Dicom.Tests;

/// <summary>Builds small explicit VR little endian Part 10 files byte by byte, for reader tests.</summary>
internal sealed class DicomTestBytes
{
    private readonly List<byte> _bytes = [];

    /// <summary>Adds an element with a 16-bit length (short VRs).</summary>
    public DicomTestBytes Short(ushort group, ushort element, string vr, byte[] value)
    {
        WriteTag(group, element);
        Append(Encoding.ASCII.GetBytes(vr));
        WriteUInt16((ushort)value.Length);
        Append(value);
        return this;
    }

    public DicomTestBytes Text(ushort group, ushort element, string vr, string value) =>
        Short(group, element, vr, Pad(Encoding.ASCII.GetBytes(value)));

    public DicomTestBytes UInt16(ushort group, ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Short(group, element, "US", bytes);
    }

    /// <summary>Adds an element with a 32-bit length field written as given (OB, OW, SQ, UN, UT).</summary>
    public DicomTestBytes Long(ushort group, ushort element, string vr, uint length, byte[] value)
    {
        WriteTag(group, element);
        Append(Encoding.ASCII.GetBytes(vr));
        WriteUInt16(0);
        WriteUInt32(length);
        Append(value);
        return this;
    }

    /// <summary>Adds raw bytes (items, delimiters) as they are.</summary>
    public DicomTestBytes Raw(byte[] bytes)
    {
        Append(bytes);
        return this;
    }

    /// <summary>An 8-bit monochrome image of <paramref name="rows"/> × <paramref name="columns"/> with values 0, 1, 2, ….</summary>
    public static DicomTestBytes Image8(ushort rows, ushort columns)
    {
        var pixels = new byte[rows * columns];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)i;
        }

        return new DicomTestBytes()
            .Text(0x0008, 0x0060, "CS", "CT")
            .UInt16(0x0028, 0x0002, 1)
            .Text(0x0028, 0x0004, "CS", "MONOCHROME2")
            .UInt16(0x0028, 0x0010, rows)
            .UInt16(0x0028, 0x0011, columns)
            .UInt16(0x0028, 0x0100, 8)
            .UInt16(0x0028, 0x0101, 8)
            .UInt16(0x0028, 0x0102, 7)
            .UInt16(0x0028, 0x0103, 0)
            .Long(0x7FE0, 0x0010, "OB", (uint)pixels.Length, pixels);
    }

    /// <summary>The Part 10 file: preamble, "DICM", a meta group naming <paramref name="transferSyntaxUid"/>, the body.</summary>
    public byte[] ToFile(string transferSyntaxUid = "1.2.840.10008.1.2.1", byte[]? bodyOverride = null)
    {
        var meta = new DicomTestBytes().Text(0x0002, 0x0010, "UI", transferSyntaxUid);
        return [.. new byte[128], .. "DICM"u8, .. meta._bytes, .. bodyOverride ?? _bytes.ToArray()];
    }

    public byte[] ToBody() => _bytes.ToArray();

    public static byte[] Pad(byte[] bytes) => bytes.Length % 2 == 0 ? bytes : [.. bytes, (byte)' '];

    private void Append(ReadOnlySpan<byte> bytes) => _bytes.AddRange(bytes);

    private void WriteTag(ushort group, ushort element)
    {
        WriteUInt16(group);
        WriteUInt16(element);
    }

    private void WriteUInt16(ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        Append(bytes);
    }

    private void WriteUInt32(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        Append(bytes);
    }
}
