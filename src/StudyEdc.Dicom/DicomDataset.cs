using System.Buffers.Binary;
using System.Collections;
using System.Globalization;
using System.Text;
using StudyEdc.Dicom.Text;

namespace StudyEdc.Dicom;

/// <summary>
/// A dataset: data elements ordered by tag. Nested item datasets inherit the Specific Character Set of the dataset
/// that contains them unless they carry their own. Getters return null (or an empty array) when the element is
/// absent or empty and throw <see cref="FormatException"/> when a number cannot be parsed.
/// </summary>
public sealed class DicomDataset : IEnumerable<DicomElement>
{
    private static readonly DicomTag SpecificCharacterSetTag = new(0x0008, 0x0005);

    private readonly List<DicomElement> _elements = [];
    private DicomCharacterSet? _ownCharacterSet;

    public DicomDataset()
    {
    }

    internal DicomDataset(DicomDataset? parent)
    {
        Parent = parent;
    }

    /// <summary>The dataset whose sequence contains this item, or null at the top level.</summary>
    public DicomDataset? Parent { get; }

    /// <summary>The character set used to decode LO, LT, PN, SH, ST, UC and UT values of this dataset.</summary>
    public DicomCharacterSet CharacterSet => _ownCharacterSet ?? Parent?.CharacterSet ?? DicomCharacterSet.Default;

    public int Count => _elements.Count;

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Returns the element with this tag, or null.</summary>
    public DicomElement? Find(DicomTag tag)
    {
        var index = IndexOf(tag);
        return index >= 0 ? _elements[index] : null;
    }

    /// <summary>Adds the element, replacing one with the same tag, and keeps the elements ordered by tag.</summary>
    public void AddOrUpdate(DicomElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (_elements.Count == 0 || _elements[^1].Tag < element.Tag)
        {
            _elements.Add(element);
        }
        else
        {
            var index = IndexOf(element.Tag);
            if (index >= 0)
            {
                _elements[index] = element;
            }
            else
            {
                _elements.Insert(~index, element);
            }
        }

        if (element.Tag == SpecificCharacterSetTag)
        {
            _ownCharacterSet = DicomCharacterSet.FromTerms(ReadAsciiValues(element.Value.Span));
        }
    }

    /// <summary>Sets a text element, encoding it with this dataset's character set where the VR uses one.</summary>
    public void SetString(DicomTag tag, DicomVR vr, string value) =>
        AddOrUpdate(DicomElement.FromString(tag, vr, value, CharacterSet));

    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        _elements.RemoveAt(index);
        if (tag == SpecificCharacterSetTag)
        {
            _ownCharacterSet = null;
        }

        return true;
    }

    /// <summary>Removes every element for which <paramref name="predicate"/> is true; returns how many.</summary>
    public int RemoveAll(Predicate<DicomElement> predicate)
    {
        var removed = _elements.RemoveAll(predicate);
        if (removed > 0 && !Contains(SpecificCharacterSetTag))
        {
            _ownCharacterSet = null;
        }

        return removed;
    }

    /// <summary>Returns the whole value as text, decoded with the character set, without trailing padding
    /// (spaces and NULs) and, for multi-valued VRs, with backslashes kept; null when absent or not text.</summary>
    public string? GetString(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null || element is DicomSequence)
        {
            return null;
        }

        if (!element.VR.IsText() && element.VR != DicomVR.UN)
        {
            return null;
        }

        return CharacterSet.Decode(element.Value.Span, element.VR).TrimEnd(' ', '\0');
    }

    /// <summary>Returns the values of a text element split at backslashes, each trimmed of padding spaces.</summary>
    public string[] GetStrings(DicomTag tag)
    {
        var text = GetString(tag);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var element = Find(tag)!;
        if (element.VR.IsSingleValuedText())
        {
            return [text];
        }

        var values = text.Split('\\');
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = values[i].Trim(' ', '\0');
        }

        return values;
    }

    /// <summary>Returns value <paramref name="index"/> of a binary (US, SS, UL, SL) or IS/DS element as an integer.</summary>
    public int? GetInt32(DicomTag tag, int index = 0)
    {
        var values = GetInt32Array(tag);
        return index < values.Length ? values[index] : null;
    }

    public int[] GetInt32Array(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null)
        {
            return [];
        }

        if (element.VR is DicomVR.IS or DicomVR.DS)
        {
            return Array.ConvertAll(GetStrings(tag), value => ParseInteger(tag, value));
        }

        return IsBinaryNumber(element.VR)
            ? Array.ConvertAll(ReadBinaryNumbers(element.VR, element.Value.Span), value => ToInteger(tag, value))
            : [];
    }

    /// <summary>Returns value <paramref name="index"/> of a DS, IS, FL, FD, US, SS, UL or SL element.</summary>
    public double? GetDouble(DicomTag tag, int index = 0)
    {
        var values = GetDoubleArray(tag);
        return index < values.Length ? values[index] : null;
    }

    public double[] GetDoubleArray(DicomTag tag)
    {
        var element = Find(tag);
        if (element is null)
        {
            return [];
        }

        if (element.VR is DicomVR.DS or DicomVR.IS)
        {
            return Array.ConvertAll(GetStrings(tag), value => ParseDecimal(tag, value));
        }

        return IsBinaryNumber(element.VR) || element.VR is DicomVR.OF or DicomVR.OD
            ? ReadBinaryNumbers(element.VR, element.Value.Span)
            : [];
    }

    /// <summary>Returns the value bytes (little-endian), or empty when absent.</summary>
    public ReadOnlyMemory<byte> GetBytes(DicomTag tag) => Find(tag)?.Value ?? ReadOnlyMemory<byte>.Empty;

    public DicomSequence? GetSequence(DicomTag tag) => Find(tag) as DicomSequence;

    /// <summary>Returns the items of a sequence, or an empty list when absent or not a sequence.</summary>
    public IReadOnlyList<DicomDataset> GetItems(DicomTag tag) => GetSequence(tag)?.Items ?? [];

    public DicomDataset? GetFirstItem(DicomTag tag)
    {
        var items = GetItems(tag);
        return items.Count > 0 ? items[0] : null;
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        int low = 0, high = _elements.Count - 1;
        var key = tag.Value;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var current = _elements[middle].Tag.Value;
            if (current == key)
            {
                return middle;
            }

            if (current < key)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    private static int ToInteger(DicomTag tag, double number) =>
        number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue
            ? (int)number
            : throw new FormatException($"Value {number.ToString(CultureInfo.InvariantCulture)} of {tag} is not a 32-bit integer.");

    private static bool IsBinaryNumber(DicomVR vr) =>
        vr is DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD;

    private static string[] ReadAsciiValues(ReadOnlySpan<byte> bytes) =>
        Encoding.ASCII.GetString(bytes).TrimEnd(' ', '\0').Split('\\').Select(term => term.Trim(' ', '\0')).ToArray();

    private static double[] ReadBinaryNumbers(DicomVR vr, ReadOnlySpan<byte> span)
    {
        var size = vr.ByteSwapSize();
        var values = new double[span.Length / size];
        for (var i = 0; i < values.Length; i++)
        {
            var bytes = span.Slice(i * size, size);
            values[i] = vr switch
            {
                DicomVR.US => BinaryPrimitives.ReadUInt16LittleEndian(bytes),
                DicomVR.SS => BinaryPrimitives.ReadInt16LittleEndian(bytes),
                DicomVR.UL => BinaryPrimitives.ReadUInt32LittleEndian(bytes),
                DicomVR.SL => BinaryPrimitives.ReadInt32LittleEndian(bytes),
                DicomVR.FL or DicomVR.OF => BinaryPrimitives.ReadSingleLittleEndian(bytes),
                _ => BinaryPrimitives.ReadDoubleLittleEndian(bytes),
            };
        }

        return values;
    }

    private static int ParseInteger(DicomTag tag, string text)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        // Some writers put a decimal into IS; accept it when it is a whole number.
        return ToInteger(tag, ParseDecimal(tag, text));
    }

    private static double ParseDecimal(DicomTag tag, string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"Value '{text}' of {tag} is not a decimal number.");
        }

        return value;
    }
}
