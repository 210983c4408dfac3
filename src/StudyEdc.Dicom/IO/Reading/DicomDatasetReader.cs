using System.Buffers.Binary;
using System.Globalization;
using StudyEdc.Dicom.Dictionary;

namespace StudyEdc.Dicom.IO.Reading;

/// <summary>
/// Parses data elements from a buffer that contains a whole dataset. Every length is checked against the bytes left in
/// the enclosing element before anything is sliced, so a damaged length fails with <see cref="DicomReadException"/>
/// instead of reading past the end or allocating what it claims. Values are sliced, not copied, except where a
/// big-endian value is converted to little-endian.
/// </summary>
internal sealed class DicomDatasetReader(ReadOnlyMemory<byte> buffer, string? fileName, DicomReadOptions options, long offsetBase)
{
    private const uint UndefinedLength = 0xFFFFFFFF;

    private static readonly DicomTag PixelDataTag = new(0x7FE0, 0x0010);
    private static readonly DicomTag BitsAllocatedTag = new(0x0028, 0x0100);
    private static readonly DicomTag PixelRepresentationTag = new(0x0028, 0x0103);

    private int _position;

    public bool IsExplicitVR { get; set; }

    public bool IsBigEndian { get; set; }

    public int Position
    {
        get => _position;
        set => _position = value;
    }

    public int Length => buffer.Length;

    /// <summary>Reads file meta elements (group 0002, explicit VR little endian) for as long as they continue.</summary>
    public void ReadFileMeta(DicomDataset meta)
    {
        var savedExplicit = IsExplicitVR;
        var savedBigEndian = IsBigEndian;
        IsBigEndian = false;
        while (buffer.Length - _position >= 8 && BinaryPrimitives.ReadUInt16LittleEndian(buffer.Span[_position..]) == 0x0002)
        {
            // Some writers put the meta group in implicit VR; follow what each element looks like.
            var span = buffer.Span;
            IsExplicitVR = DicomVRExtensions.TryParse(span[_position + 4], span[_position + 5], out _);
            if (!ReadElement(meta, buffer.Length, depth: 0, out _))
            {
                break;
            }
        }

        IsExplicitVR = savedExplicit;
        IsBigEndian = savedBigEndian;
    }

    /// <summary>Reads elements into <paramref name="dataset"/> until <paramref name="end"/>.</summary>
    public void ReadDataset(DicomDataset dataset, int end)
    {
        while (_position < end)
        {
            if (end - _position < 8 && IsZeroPadding(end))
            {
                // A few writers leave zero bytes after the last element.
                _position = end;
                return;
            }

            if (!ReadElement(dataset, end, depth: 0, out var delimiter))
            {
                return;
            }

            if (delimiter == DicomTag.ItemDelimitationItem)
            {
                throw Error("an Item Delimitation Item appears outside any item", _position - 8, delimiter);
            }
        }
    }

    /// <summary>
    /// Reads one element into <paramref name="dataset"/>. Returns false when reading must stop (pixel data skipped on
    /// request); <paramref name="delimiter"/> is set when a delimitation item was read instead of an element.
    /// </summary>
    private bool ReadElement(DicomDataset dataset, int end, int depth, out DicomTag? delimiter)
    {
        delimiter = null;
        var start = _position;
        RequireBytes(8, end, start, null, "element header");
        var tag = ReadTag();

        if (tag.Group == 0xFFFE)
        {
            // Delimitation items have a 32-bit length and no VR in every transfer syntax.
            _position += 4;
            if (tag != DicomTag.ItemDelimitationItem && tag != DicomTag.SequenceDelimitationItem)
            {
                throw Error($"{tag} appears outside any sequence", start, tag);
            }

            delimiter = tag;
            return true;
        }

        if (!options.ReadPixelData && tag == PixelDataTag && depth == 0 && dataset.Parent is null)
        {
            _position = start;
            return false;
        }

        var (vr, length) = ReadVRAndLength(dataset, tag, end, start);
        var element = length == UndefinedLength
            ? ReadUndefinedLengthElement(dataset, tag, vr, end, depth, start)
            : ReadDefinedLengthElement(dataset, tag, vr, (int)length, depth, start);
        dataset.AddOrUpdate(element);
        return true;
    }

    private (DicomVR VR, uint Length) ReadVRAndLength(DicomDataset dataset, DicomTag tag, int end, int start)
    {
        var span = buffer.Span;
        if (IsExplicitVR && DicomVRExtensions.TryParse(span[_position], span[_position + 1], out var vr))
        {
            _position += 2;
            if (vr.HasLongLength())
            {
                RequireBytes(6, end, start, tag, "element length");
                _position += 2;
                var longLength = ReadUInt32();
                return (vr, CheckLength(longLength, end, start, tag));
            }

            return (vr, CheckLength(ReadUInt16(), end, start, tag));
        }

        if (IsExplicitVR && IsPrintable(span[_position]) && IsPrintable(span[_position + 1]))
        {
            // Explicit VR bytes that are text but no VR (such as two spaces): take the VR from the dictionary and
            // the 16-bit length that explicit VR encoding gives every short VR, as DCMTK and pydicom do.
            _position += 2;
            return (ImplicitVR(dataset, tag), CheckLength(ReadUInt16(), end, start, tag));
        }

        // Implicit VR, or an explicit VR dataset with one element written in implicit VR: take the VR from the
        // dictionary and a 32-bit length.
        vr = ImplicitVR(dataset, tag);
        return (vr, CheckLength(ReadUInt32(), end, start, tag));
    }

    private uint CheckLength(uint length, int end, int start, DicomTag tag)
    {
        if (length != UndefinedLength && length > (uint)(end - _position))
        {
            throw Error(
                string.Create(CultureInfo.InvariantCulture, $"value length {length} exceeds the {end - _position} bytes left"),
                start, tag);
        }

        return length;
    }

    private DicomElement ReadDefinedLengthElement(DicomDataset dataset, DicomTag tag, DicomVR vr, int length, int depth, int start)
    {
        var valueEnd = _position + length;
        if (vr == DicomVR.SQ)
        {
            var items = ReadItems(dataset, tag, valueEnd, depth, start, undefinedLength: false);
            _position = valueEnd;
            return new DicomSequence(tag, items);
        }

        var value = buffer.Slice(_position, length);
        _position = valueEnd;
        if (IsBigEndian)
        {
            value = ToLittleEndian(dataset, tag, vr, value);
        }

        return new DicomElement(tag, vr, value);
    }

    private DicomElement ReadUndefinedLengthElement(DicomDataset dataset, DicomTag tag, DicomVR vr, int end, int depth, int start)
    {
        if (tag == PixelDataTag)
        {
            return ReadFragments(tag, end, start);
        }

        if (vr == DicomVR.SQ)
        {
            return new DicomSequence(tag, ReadItems(dataset, tag, end, depth, start, undefinedLength: true));
        }

        if (vr == DicomVR.UN || !IsExplicitVR)
        {
            // A VR UN element of undefined length is a sequence encoded in implicit VR little endian (CP-246).
            var savedExplicit = IsExplicitVR;
            var savedBigEndian = IsBigEndian;
            IsExplicitVR = false;
            IsBigEndian = false;
            try
            {
                return new DicomSequence(tag, ReadItems(dataset, tag, end, depth, start, undefinedLength: true));
            }
            finally
            {
                IsExplicitVR = savedExplicit;
                IsBigEndian = savedBigEndian;
            }
        }

        throw Error($"undefined length is not allowed for VR {vr.Code()}", start, tag);
    }

    /// <summary>Reads sequence items until <paramref name="end"/> or a Sequence Delimitation Item.</summary>
    private List<DicomDataset> ReadItems(
        DicomDataset parent, DicomTag sequenceTag, int end, int depth, int sequenceStart, bool undefinedLength)
    {
        if (depth + 1 > options.MaxSequenceDepth)
        {
            throw Error(
                string.Create(CultureInfo.InvariantCulture, $"sequences are nested deeper than {options.MaxSequenceDepth} levels"),
                sequenceStart, sequenceTag);
        }

        var items = new List<DicomDataset>();
        while (true)
        {
            if (_position >= end)
            {
                // An undefined-length sequence inside a defined-length item may end with the item; at the end of the
                // data it must have had a delimiter.
                if (undefinedLength && end == buffer.Length)
                {
                    throw Error("the sequence of undefined length has no Sequence Delimitation Item before the end of the data", sequenceStart, sequenceTag);
                }

                return items;
            }

            var itemStart = _position;
            RequireBytes(8, end, itemStart, sequenceTag, "item header");
            var itemTag = ReadTag();
            var length = ReadUInt32();
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                return items;
            }

            if (itemTag != DicomTag.Item)
            {
                throw Error($"expected an Item in the sequence but found {itemTag}", itemStart, sequenceTag);
            }

            var item = new DicomDataset(parent);
            if (length == UndefinedLength)
            {
                ReadUndefinedLengthItem(item, end, depth + 1, itemStart, sequenceTag);
            }
            else
            {
                if (length > (uint)(end - _position))
                {
                    throw Error(
                        string.Create(CultureInfo.InvariantCulture, $"item length {length} exceeds the {end - _position} bytes left"),
                        itemStart, sequenceTag);
                }

                var itemEnd = _position + (int)length;
                ReadDefinedLengthItem(item, itemEnd, depth + 1);
                _position = itemEnd;
            }

            items.Add(item);
        }
    }

    private void ReadUndefinedLengthItem(DicomDataset item, int end, int depth, int itemStart, DicomTag sequenceTag)
    {
        while (true)
        {
            if (_position >= end)
            {
                throw Error("the item of undefined length has no Item Delimitation Item before the end of the data", itemStart, sequenceTag);
            }

            ReadElement(item, end, depth, out var delimiter);
            if (delimiter == DicomTag.ItemDelimitationItem)
            {
                return;
            }

            if (delimiter == DicomTag.SequenceDelimitationItem)
            {
                // The item was not closed before its sequence was; step back so the sequence reads its delimiter.
                _position -= 8;
                return;
            }
        }
    }

    private void ReadDefinedLengthItem(DicomDataset item, int itemEnd, int depth)
    {
        while (_position < itemEnd)
        {
            ReadElement(item, itemEnd, depth, out var delimiter);
            if (delimiter is not null)
            {
                // A delimiter inside a defined-length item ends it, and the item length gives where the next element starts.
                return;
            }
        }
    }

    private DicomFragmentSequence ReadFragments(DicomTag tag, int end, int start)
    {
        ReadOnlyMemory<byte>? offsetTable = null;
        var fragments = new List<ReadOnlyMemory<byte>>();
        while (true)
        {
            if (end - _position < 8)
            {
                throw Error("the encapsulated pixel data has no Sequence Delimitation Item before the end of the data", start, tag);
            }

            var itemStart = _position;
            var itemTag = ReadTag();
            var length = ReadUInt32();
            if (itemTag == DicomTag.SequenceDelimitationItem)
            {
                break;
            }

            if (itemTag != DicomTag.Item)
            {
                throw Error($"expected a fragment Item in the encapsulated pixel data but found {itemTag}", itemStart, tag);
            }

            if (length > (uint)(end - _position))
            {
                throw Error(
                    string.Create(CultureInfo.InvariantCulture, $"fragment length {length} exceeds the {end - _position} bytes left"),
                    itemStart, tag);
            }

            var value = buffer.Slice(_position, (int)length);
            _position += (int)length;
            if (offsetTable is null)
            {
                offsetTable = value;
            }
            else
            {
                fragments.Add(value);
            }
        }

        return new DicomFragmentSequence(tag, offsetTable ?? ReadOnlyMemory<byte>.Empty, fragments);
    }

    private static bool IsPrintable(byte value) => value is >= 0x20 and < 0x7F;

    private static DicomVR ImplicitVR(DicomDataset dataset, DicomTag tag)
    {
        var entry = DicomDictionary.Find(tag);
        if (entry is null)
        {
            return DicomVR.UN;
        }

        if (tag == PixelDataTag)
        {
            return dataset.GetInt32(BitsAllocatedTag) is > 8 ? DicomVR.OW : DicomVR.OB;
        }

        if (entry.IsUnsignedOrSigned)
        {
            return dataset.GetInt32(PixelRepresentationTag) == 1 ? DicomVR.SS : DicomVR.US;
        }

        return entry.VR;
    }

    private static ReadOnlyMemory<byte> ToLittleEndian(DicomDataset dataset, DicomTag tag, DicomVR vr, ReadOnlyMemory<byte> value)
    {
        var size = vr.ByteSwapSize();
        if (tag == PixelDataTag && vr == DicomVR.OW)
        {
            // Native pixel data swaps by sample size (as pydicom and GDCM do), not by the 16-bit words of OW.
            size = dataset.GetInt32(BitsAllocatedTag) switch
            {
                8 => 1,
                32 => 4,
                _ => size,
            };
        }

        if (size == 1 || value.Length < size)
        {
            return value;
        }

        var copy = value.ToArray();
        var whole = copy.Length - (copy.Length % size);
        for (var i = 0; i < whole; i += size)
        {
            copy.AsSpan(i, size).Reverse();
        }

        return copy;
    }

    private DicomTag ReadTag()
    {
        var group = ReadUInt16();
        var element = ReadUInt16();
        return new DicomTag(group, element);
    }

    private ushort ReadUInt16()
    {
        var span = buffer.Span[_position..];
        _position += 2;
        return IsBigEndian ? BinaryPrimitives.ReadUInt16BigEndian(span) : BinaryPrimitives.ReadUInt16LittleEndian(span);
    }

    private uint ReadUInt32()
    {
        var span = buffer.Span[_position..];
        _position += 4;
        return IsBigEndian ? BinaryPrimitives.ReadUInt32BigEndian(span) : BinaryPrimitives.ReadUInt32LittleEndian(span);
    }

    private void RequireBytes(int count, int end, int start, DicomTag? tag, string what)
    {
        if (end - _position < count)
        {
            throw Error(
                string.Create(CultureInfo.InvariantCulture, $"the data ends inside an {what}: {count} bytes needed, {end - _position} left"),
                start, tag);
        }
    }

    private bool IsZeroPadding(int end) => !buffer.Span[_position..end].ContainsAnyExcept((byte)0);

    private DicomReadException Error(string problem, int offset, DicomTag? tag) =>
        new(problem, fileName, offsetBase + offset, tag);
}
