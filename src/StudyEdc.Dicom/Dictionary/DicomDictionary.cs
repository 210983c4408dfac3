using System.Collections.Frozen;
using System.Globalization;

namespace StudyEdc.Dicom.Dictionary;

/// <summary>One standard data element of PS3.6: tag, VR (the first one where the standard allows several),
/// keyword and value multiplicity.</summary>
public sealed record DicomDictionaryEntry(DicomTag Tag, DicomVR VR, string Keyword, string Multiplicity)
{
    /// <summary>True where PS3.6 allows "US or SS": the VR then follows Pixel Representation.</summary>
    public bool IsUnsignedOrSigned { get; init; }
}

/// <summary>
/// The data dictionary used for implicit VR data and keywords. It is a reduced table written from DICOM PS3.6
/// (2024 edition): the file meta group, the patient, study, series, equipment, image, pixel, CT and enhanced CT
/// modules, de-identification attributes and the common structural tags, not all of PS3.6.
/// Repeating groups 50xx and 60xx are matched by their 50xx/60xx pattern.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The DICOM standard calls it the data dictionary.")]
public static class DicomDictionary
{
    private static readonly FrozenDictionary<uint, DicomDictionaryEntry> ByTag;
    private static readonly FrozenDictionary<string, DicomDictionaryEntry> ByKeyword;

    static DicomDictionary()
    {
        var entries = DicomDictionaryTable.Rows
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(ParseRow)
            .ToList();
        ByTag = entries.ToFrozenDictionary(entry => entry.Tag.Value);
        ByKeyword = entries.ToFrozenDictionary(entry => entry.Keyword, StringComparer.Ordinal);
    }

    /// <summary>Number of entries in the built-in table.</summary>
    public static int Count => ByTag.Count;

    /// <summary>Returns the entry of a standard tag, or null for private and unknown tags. Group lengths
    /// (gggg,0000) are UL and private creators (gggg,0010-00FF of odd groups) are LO.</summary>
    public static DicomDictionaryEntry? Find(DicomTag tag)
    {
        if (ByTag.TryGetValue(tag.Value, out var entry))
        {
            return entry;
        }

        if ((tag.Group & 0xFF00) is 0x6000 or 0x5000 && (tag.Group & 1) == 0
            && ByTag.TryGetValue(((uint)(tag.Group & 0xFF00) << 16) | tag.Element, out var repeating))
        {
            return repeating with { Tag = tag };
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

    public static DicomDictionaryEntry? FindByKeyword(string keyword)
    {
        ArgumentNullException.ThrowIfNull(keyword);
        return ByKeyword.GetValueOrDefault(keyword);
    }

    private static DicomDictionaryEntry ParseRow(string row)
    {
        // Row format: "gggg,eeee VR[/VR] Keyword VM".
        var parts = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var group = ushort.Parse(parts[0].AsSpan(0, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var element = ushort.Parse(parts[0].AsSpan(5, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var vrCode = parts[1];
        DicomVRExtensions.TryParse((byte)vrCode[0], (byte)vrCode[1], out var vr);
        return new DicomDictionaryEntry(new DicomTag(group, element), vr, parts[2], parts[3])
        {
            IsUnsignedOrSigned = vrCode == "US/SS",
        };
    }
}
