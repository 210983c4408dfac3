using System.Collections.Frozen;
using System.Globalization;
using System.Numerics;

namespace StudyEdc.Dicom.Dictionary;

/// <summary>One data element of the PS3.6 registry: tag, VR, keyword and value multiplicity. <see cref="VR"/> is
/// the first of <see cref="AllowedVRs"/> and the one used for Implicit VR data when nothing else decides it.</summary>
public sealed record DicomDictionaryEntry(DicomTag Tag, DicomVR VR, string Keyword, string Multiplicity)
{
    /// <summary>Every VR that PS3.6 allows for the element, such as OW and OB for Overlay Data.</summary>
    public IReadOnlyList<DicomVR> AllowedVRs { get; init; } = [VR];

    /// <summary>True where PS3.6 allows "US or SS": the VR then follows Pixel Representation.</summary>
    public bool IsUnsignedOrSigned => AllowedVRs is [DicomVR.US, DicomVR.SS];

    /// <summary>True for an element that PS3.6 lists as retired.</summary>
    public bool IsRetired { get; init; }
}

/// <summary>
/// The data dictionary used for implicit VR data and keywords: the whole PS3.6 registry of data elements
/// (2022b edition), generated from DCMTK's transcription into <see cref="DicomDictionaryGenerated"/>.
/// Repeating groups and elements (60xx, 50xx, 7Fxx, 0020,31xx) match every even value of their "xx" byte.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The DICOM standard calls it the data dictionary.")]
public static class DicomDictionary
{
    private static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag;
    private static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword;

    // Repeating entries are keyed by their tag with the "xx" byte set to 00, once per mask that occurs.
    private static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByRepeatingTag;
    private static readonly uint[] RepeatingMasks;

    static DicomDictionary()
    {
        var rows = DicomDictionaryGenerated.Rows
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseRow)
            .ToList();
        ByTag = rows.Where(row => row.Mask == uint.MaxValue).ToFrozenDictionary(row => row.Entry.Tag.Value, row => row.Entry);
        ByRepeatingTag = rows.Where(row => row.Mask != uint.MaxValue)
            .ToFrozenDictionary(row => row.Entry.Tag.Value, row => row.Entry);
        RepeatingMasks = [.. rows.Select(row => row.Mask).Where(mask => mask != uint.MaxValue).Distinct()];
        ByKeyword = rows.ToFrozenDictionary(row => row.Entry.Keyword, row => row.Entry, StringComparer.Ordinal);
    }

    /// <summary>Number of entries in the built-in table, a repeating group such as 60xx counted once.</summary>
    public static int Count => ByTag.Count + ByRepeatingTag.Count;

    /// <summary>Returns the entry of a standard tag, or null for private and unknown tags. An entry of a repeating
    /// group carries the requested tag, such as (6002,3000). Group lengths (gggg,0000) are UL and private creators
    /// (gggg,0010-00FF of odd groups) are LO.</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        foreach (var mask in RepeatingMasks)
        {
            if (IsEvenInWildcard(tag.Value, mask) && ByRepeatingTag.TryGetValue(tag.Value & mask, out var repeating))
            {
                return repeating with { Tag = tag };
            }
        }

        if (tag.Element == 0x0000)
        {
            return new DicomDictionaryEntry(tag, DicomVR.UL, "GroupLength", "1");
        }

        if (tag.IsPrivateCreator)
        {
            return new DicomDictionaryEntry(tag, DicomVR.LO, "PrivateCreator", "1");
        }

        return null;
    }

    /// <summary>Returns the entry of a keyword, such as <c>PatientName</c>; retired keywords are found too. A
    /// repeating group's entry carries its first group, such as (6000,3000) for <c>OverlayData</c>.</summary>
    public static DicomDictionaryEntry? FindByKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return ByKeyword.GetValueOrDefault(keyword);
    }

    // "xx" stands for even values only, as in DCMTK's range notation: odd groups such as 6001 are private.
    private static bool IsEvenInWildcard(uint value, uint mask)
    {
        var wildcard = ~mask;
        return ((value & wildcard) >> BitOperations.TrailingZeroCount(wildcard) & 1) == 0;
    }

    private static (DicomDictionaryEntry Entry, uint Mask) ParseRow(string row)
    {
        // Row format: "gggg,eeee VR[/VR...] Keyword VM R|C", where an "x" digit of the tag is a wildcard.
        var parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5 || parts[0].Length != 9 || parts[0][4] != ',')
        {
            throw new InvalidOperationException($"The generated DICOM dictionary row '{row}' is malformed; regenerate it with tools/generate-dicom-dictionary.py.");
        }

        var digits = string.Concat(parts[0].AsSpan(0, 4), parts[0].AsSpan(5, 4));
        var mask = uint.MaxValue;
        for (var i = 0; i < digits.Length; i++)
        {
            if (digits[i] == 'x')
            {
                mask &= ~(0xFu << (4 * (7 - i)));
            }
        }

        var value = uint.Parse(digits.Replace('x', '0'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var vrs = parts[1].Split('/').Select(code => ParseVR(code, row)).ToArray();
        var entry = new DicomDictionaryEntry(DicomTag.FromValue(value), vrs[0], parts[2], parts[3])
        {
            AllowedVRs = vrs,
            IsRetired = parts[4] == "R",
        };
        return (entry, mask);
    }

    private static DicomVR ParseVR(string code, string row) =>
        code.Length == 2 && DicomVRExtensions.TryParse((byte)code[0], (byte)code[1], out var vr)
            ? vr
            : throw new InvalidOperationException($"The generated DICOM dictionary row '{row}' has the unknown VR '{code}'; regenerate it with tools/generate-dicom-dictionary.py.");
}
