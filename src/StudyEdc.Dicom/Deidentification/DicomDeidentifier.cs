using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using StudyEdc.Dicom.Dictionary;

namespace StudyEdc.Dicom.Deidentification;

/// <summary>
/// De-identifies datasets with the Basic Application Level Confidentiality Profile of DICOM PS3.15 Annex E
/// (<see cref="ConfidentialityProfile"/>), optionally with the Retain Longitudinal Temporal Information with Modified
/// Dates and Retain Patient Characteristics options. Patient ID and name become a pseudonym, UIDs become keyed-hash
/// UIDs, and private attributes are removed unless allow-listed. Images that may show identifiers in their pixels
/// are quarantined, not de-identified, unless the options allow them.
/// </summary>
/// <remarks>
/// Every keyed hash is HMAC-SHA-256 under the site's secret key, with a distinct label per use, so the same input
/// gives the same output at the same site and nothing can be reversed without the key. The source dataset is not
/// changed; encapsulated pixel data are copied as they are.
/// </remarks>
public sealed class DicomDeidentifier
{
    /// <summary>Value written to DeidentificationMethod (0012,0063) for the basic profile.</summary>
    public const string BasicProfileMethod = "StudyEdc PS3.15 Basic Application Level Confidentiality Profile";

    private const string UidRoot = "2.25.";
    private const string StandardUidPrefix = "1.2.840.10008.";
    private const string DummyText = "REMOVED";

    private static readonly DicomTag SopClassUidTag = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);
    private static readonly DicomTag PatientNameTag = new(0x0010, 0x0010);
    private static readonly DicomTag PatientIdTag = new(0x0010, 0x0020);
    private static readonly DicomTag PatientBirthDateTag = new(0x0010, 0x0030);
    private static readonly DicomTag PatientIdentityRemovedTag = new(0x0012, 0x0062);
    private static readonly DicomTag DeidentificationMethodTag = new(0x0012, 0x0063);
    private static readonly DicomTag DeidentificationMethodCodeSequenceTag = new(0x0012, 0x0064);
    private static readonly DicomTag LongitudinalTemporalInformationModifiedTag = new(0x0028, 0x0303);
    private static readonly DicomTag CodeValueTag = new(0x0008, 0x0100);
    private static readonly DicomTag CodingSchemeDesignatorTag = new(0x0008, 0x0102);
    private static readonly DicomTag CodeMeaningTag = new(0x0008, 0x0104);

    // Retain Patient Characteristics option (PS3.15 E.3.9).
    private static readonly HashSet<DicomTag> PatientCharacteristics =
    [
        new(0x0010, 0x0040), new(0x0010, 0x1010), new(0x0010, 0x1020), new(0x0010, 0x1030),
    ];

    // UIDs that name kinds of things (SOP classes, transfer syntaxes, coding schemes), not patients or instances.
    private static readonly HashSet<DicomTag> ClassUidTags =
    [
        new(0x0002, 0x0002), new(0x0002, 0x0010), new(0x0002, 0x0012), new(0x0008, 0x0016), new(0x0008, 0x001A),
        new(0x0008, 0x010C), new(0x0008, 0x010D), new(0x0008, 0x0117), new(0x0008, 0x0118), new(0x0008, 0x1150),
        new(0x0008, 0x1199), new(0x0004, 0x1510), new(0x0004, 0x1512), new(0x0040, 0xA170),
    ];

    private readonly DeidentificationOptions _options;
    private readonly byte[] _key;

    public DicomDeidentifier(DeidentificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.SiteCode) || !options.SiteCode.All(char.IsAsciiLetterOrDigit))
        {
            throw new ArgumentException(
                $"Site code '{options.SiteCode}' is invalid; use ASCII letters and digits only, such as SITE01.",
                nameof(options));
        }

        if (options.SiteSecretKey is null || options.SiteSecretKey.Length < 32)
        {
            throw new ArgumentException(
                "The site secret key must be at least 32 bytes; generate one with RandomNumberGenerator.GetBytes(32).",
                nameof(options));
        }

        if (options.MaxDateShiftDays is < 1 or > 36_500)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxDateShiftDays,
                "MaxDateShiftDays must be between 1 and 36500 days.");
        }

        _options = options;
        _key = options.SiteSecretKey.ToArray();
    }

    /// <summary>Returns the pseudonym for a patient ID at this site: "{SiteCode}-" and 20 hexadecimal digits.</summary>
    public string PseudonymizePatientId(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        var hash = KeyedHash("patient", patientId.Trim());
        return _options.SiteCode + "-" + Convert.ToHexString(hash, 0, 10);
    }

    /// <summary>
    /// Returns the replacement for a UID: "2.25." and the decimal value of a 128-bit keyed hash of the UID, shaped
    /// as a version 8 UUID (RFC 9562) so that it is a valid UUID-derived UID (PS3.5 B.2).
    /// </summary>
    public string ReplaceUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var hash = KeyedHash("uid", uid.Trim(' ', '\0'));
        var uuid = hash.AsSpan(0, 16).ToArray();
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x80);
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80);
        var value = new BigInteger(uuid, isUnsigned: true, isBigEndian: true);
        return UidRoot + value.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the date shift of a patient in days: never zero, at most MaxDateShiftDays either way.</summary>
    public int DateShiftDays(string patientId)
    {
        ArgumentNullException.ThrowIfNull(patientId);
        var hash = KeyedHash("date-shift", patientId.Trim());
        var range = _options.MaxDateShiftDays;
        var draw = (int)(BitConverter.ToUInt32(hash, 0) % (uint)(2 * range));
        return draw < range ? draw - range : draw - range + 1;
    }

    /// <summary>
    /// Returns a de-identified copy of <paramref name="source"/>, or a quarantine result naming what was found and
    /// the option that allows it. The source is not changed.
    /// </summary>
    public DeidentificationResult Deidentify(DicomDataset source)
    {
        ArgumentNullException.ThrowIfNull(source);

        var quarantine = QuarantineCheck.Find(source, _options);
        if (quarantine is not null)
        {
            return quarantine;
        }

        var patientId = source.GetString(PatientIdTag) ?? "";
        var context = new Context(DateShiftDays(patientId));
        var result = new DicomDataset();
        CopyDeidentified(source, result, context);
        AddDeidentificationAttributes(result, PseudonymizePatientId(patientId));
        return DeidentificationResult.Success(result);
    }

    /// <summary>
    /// De-identifies a file's dataset like <see cref="Deidentify(DicomDataset)"/>. A bare dataset without SOPClassUID
    /// or SOPInstanceUID gets them from the file meta (the instance UID replaced), so that the result can be written.
    /// </summary>
    public DeidentificationResult Deidentify(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);

        var result = Deidentify(file.Dataset);
        if (result.Dataset is not { } output)
        {
            return result;
        }

        if (!output.Contains(SopClassUidTag) && file.FileMeta.MediaStorageSopClassUid is { Length: > 0 } sopClassUid)
        {
            output.SetString(SopClassUidTag, DicomVR.UI, sopClassUid);
        }

        if (!output.Contains(SopInstanceUidTag) && file.FileMeta.MediaStorageSopInstanceUid is { Length: > 0 } sopInstanceUid)
        {
            output.SetString(SopInstanceUidTag, DicomVR.UI, ReplaceUid(sopInstanceUid));
        }

        return result;
    }

    private void CopyDeidentified(DicomDataset source, DicomDataset target, Context context)
    {
        foreach (var element in source)
        {
            var tag = element.Tag;
            if (tag.Element == 0x0000 || tag.Group == 0x0002 || IsCurveOrOverlay(tag))
            {
                continue;
            }

            if (tag.IsPrivate)
            {
                if (IsAllowedPrivate(source, element))
                {
                    target.AddOrUpdate(CopyElement(element, target, context));
                }

                continue;
            }

            var replacement = ApplyRule(element, target, context);
            if (replacement is not null)
            {
                target.AddOrUpdate(replacement);
            }
        }
    }

    private DicomElement? ApplyRule(DicomElement element, DicomDataset target, Context context)
    {
        var tag = element.Tag;
        if (_options.RetainPatientCharacteristics && PatientCharacteristics.Contains(tag))
        {
            return CopyElement(element, target, context);
        }

        var rule = ConfidentialityProfile.Find(tag);
        if (rule is null && element.VR == DicomVR.UN && DicomDictionary.Find(tag) is null)
        {
            // An attribute unknown to the dictionary and read as UN may be a sequence whose raw bytes contain names or
            // UIDs, as RT references in implicit VR files do. Its content cannot be checked, so it is removed.
            return null;
        }

        if (rule is null)
        {
            return IsDictionaryUid(element) && !ClassUidTags.Contains(tag)
                ? ReplaceUidValues(element, keepStandardUids: true)
                : CopyElement(element, target, context);
        }

        if (_options.Temporal == TemporalInformation.ShiftDates && tag != PatientBirthDateTag)
        {
            switch (rule.Temporal)
            {
                case TemporalKind.Date or TemporalKind.DateTime:
                    return DicomDateShift.Shift(element, context.DateShiftDays);
                case TemporalKind.Time:
                    return element;
            }
        }

        return rule.Action switch
        {
            ConfidentialityAction.Keep => CopyElement(element, target, context),
            ConfidentialityAction.Remove => null,
            ConfidentialityAction.Empty => element is DicomSequence
                ? new DicomSequence(tag, [])
                : new DicomElement(tag, element.VR, ReadOnlyMemory<byte>.Empty),
            ConfidentialityAction.Dummy => DummyElement(element),
            ConfidentialityAction.ReplaceUid => ReplaceUidValues(element, keepStandardUids: false),
            _ => throw new InvalidOperationException($"Action {rule.Action} of {rule.Keyword} is not handled."),
        };
    }

    private DicomElement CopyElement(DicomElement element, DicomDataset target, Context context)
    {
        if (element is not DicomSequence sequence)
        {
            return element;
        }

        var items = new List<DicomDataset>(sequence.Items.Count);
        foreach (var item in sequence.Items)
        {
            var copy = new DicomDataset(target);
            CopyDeidentified(item, copy, context);
            items.Add(copy);
        }

        return new DicomSequence(sequence.Tag, items);
    }

    /// <summary>
    /// Replaces each value of a UI element. Outside the table, values under the DICOM root 1.2.840.10008 name
    /// standard things (SOP classes, coding schemes) and are kept when <paramref name="keepStandardUids"/> is set.
    /// </summary>
    private DicomElement? ReplaceUidValues(DicomElement element, bool keepStandardUids)
    {
        if (element.Value.IsEmpty || element is DicomSequence)
        {
            return element;
        }

        // The table names UID attributes, but an implicit VR file read with an attribute missing from the dictionary
        // gives VR UN; its bytes are still the UID text. Anything that is not UID text is removed.
        var text = Encoding.ASCII.GetString(element.Value.Span).TrimEnd('\0', ' ');
        if (element.VR is not (DicomVR.UI or DicomVR.UN) || !text.All(c => char.IsAsciiDigit(c) || c is '.' or '\\' or ' ' or '\0'))
        {
            return null;
        }

        var values = text.Split('\\');
        var replaced = values.Select(value =>
        {
            var uid = value.Trim('\0', ' ');
            var keep = uid.Length == 0 || (keepStandardUids && uid.StartsWith(StandardUidPrefix, StringComparison.Ordinal));
            return keep ? uid : ReplaceUid(uid);
        });
        return DicomElement.FromString(element.Tag, DicomVR.UI, string.Join('\\', replaced));
    }

    /// <summary>True for UI elements, and for UN elements whose attribute the dictionary lists as UI.</summary>
    private static bool IsDictionaryUid(DicomElement element) =>
        element.VR == DicomVR.UI || (element.VR == DicomVR.UN && DicomDictionary.Find(element.Tag)?.VR == DicomVR.UI);

    private static DicomElement DummyElement(DicomElement element)
    {
        if (element is DicomSequence)
        {
            return new DicomSequence(element.Tag, []);
        }

        return element.VR.IsText()
            ? DicomElement.FromString(element.Tag, element.VR, DummyText)
            : new DicomElement(element.Tag, element.VR, ReadOnlyMemory<byte>.Empty);
    }

    private bool IsAllowedPrivate(DicomDataset source, DicomElement element)
    {
        if (_options.PrivateAllowList.Count == 0)
        {
            return false;
        }

        var tag = element.Tag;
        if (tag.IsPrivateCreator)
        {
            var creator = source.GetString(tag);
            return _options.PrivateAllowList.Any(a => a.Group == tag.Group && a.PrivateCreator == creator);
        }

        // Element gggg,xxyy belongs to the block reserved by creator element gggg,00xx; yy is the offset.
        var creatorTag = new DicomTag(tag.Group, (ushort)(tag.Element >> 8));
        var blockCreator = tag.Element >= 0x1000 ? source.GetString(creatorTag) : null;
        return blockCreator is not null && _options.PrivateAllowList.Any(a =>
            a.Group == tag.Group && a.PrivateCreator == blockCreator && a.ElementOffset == (byte)(tag.Element & 0xFF));
    }

    private static bool IsCurveOrOverlay(DicomTag tag) =>
        (tag.Group & 0xFF00) is 0x5000 or 0x6000 && tag.Group % 2 == 0;

    private void AddDeidentificationAttributes(DicomDataset result, string pseudonym)
    {
        result.SetString(PatientIdTag, DicomVR.LO, pseudonym);
        result.SetString(PatientNameTag, DicomVR.PN, pseudonym);
        result.SetString(PatientIdentityRemovedTag, DicomVR.CS, "YES");

        var methods = new List<string> { BasicProfileMethod };
        var codes = new List<(string Value, string Meaning)> { ("113100", "Basic Application Confidentiality Profile") };
        if (_options.Temporal == TemporalInformation.ShiftDates)
        {
            methods.Add("Retain Longitudinal Temporal Information Modified Dates");
            codes.Add(("113107", "Retain Longitudinal Temporal Information Modified Dates Option"));
        }

        if (_options.RetainPatientCharacteristics)
        {
            methods.Add("Retain Patient Characteristics");
            codes.Add(("113108", "Retain Patient Characteristics Option"));
        }

        if (_options.PrivateAllowList.Count > 0)
        {
            methods.Add("Retain Safe Private");
            codes.Add(("113111", "Retain Safe Private Option"));
        }

        result.SetString(DeidentificationMethodTag, DicomVR.LO, string.Join('\\', methods));
        var items = codes.Select(code =>
        {
            var item = new DicomDataset(result);
            item.SetString(CodeValueTag, DicomVR.SH, code.Value);
            item.SetString(CodingSchemeDesignatorTag, DicomVR.SH, "DCM");
            item.SetString(CodeMeaningTag, DicomVR.LO, code.Meaning);
            return item;
        }).ToList();
        result.AddOrUpdate(new DicomSequence(DeidentificationMethodCodeSequenceTag, items));
        result.SetString(LongitudinalTemporalInformationModifiedTag, DicomVR.CS,
            _options.Temporal == TemporalInformation.ShiftDates ? "MODIFIED" : "REMOVED");
    }

    private byte[] KeyedHash(string label, string value)
    {
        var message = Encoding.UTF8.GetBytes(label + "\0" + _options.SiteCode + "\0" + value);
        return HMACSHA256.HashData(_key, message);
    }

    private sealed record Context(int DateShiftDays);
}
