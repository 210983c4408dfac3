using System.Globalization;
using StudyEdc.Dicom.Dictionary;

namespace StudyEdc.Dicom;

/// <summary>A data element tag: group and element number, ordered as DICOM orders elements in a dataset.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitationItem = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitationItem = new(0xFFFE, 0xE0DD);

    /// <summary>The tag as one 32-bit number, group in the high half.</summary>
    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>True for odd groups other than 0001, 0003, 0005, 0007 and FFFF, which carry vendors' private data.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>True for a private creator element (gggg,0010-00FF) that reserves a block of a private group.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>The standard keyword, such as <c>PatientName</c>, or null for private and unknown tags.</summary>
    public string? Keyword => DicomDictionary.Find(this)?.Keyword;

    public static DicomTag FromValue(uint value) => new((ushort)(value >> 16), (ushort)(value & 0xFFFF));

    /// <summary>Looks a tag up by its standard keyword; throws when the built-in dictionary lacks it.</summary>
    public static DicomTag FromKeyword(string keyword) =>
        DicomDictionary.FindByKeyword(keyword)?.Tag
        ?? throw new ArgumentException($"'{keyword}' is not a keyword of the built-in DICOM dictionary.", nameof(keyword));

    /// <summary>Parses "(gggg,eeee)" or "ggggeeee" in hexadecimal.</summary>
    public static DicomTag Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal)
            .Replace(",", "", StringComparison.Ordinal).Trim();
        if (digits.Length != 8 || !uint.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException($"'{text}' is not a DICOM tag; write it as (gggg,eeee) in hexadecimal.");
        }

        return FromValue(value);
    }

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");
}
