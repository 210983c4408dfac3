namespace StudyEdc.Dicom;

/// <summary>The value representations of DICOM PS3.5 section 6.2, named by their two-letter codes.</summary>
#pragma warning disable CA1707, CA1720 // The members are the standard's two-letter codes.
public enum DicomVR : ushort
{
    AE = ('A' << 8) | 'E',
    AS = ('A' << 8) | 'S',
    AT = ('A' << 8) | 'T',
    CS = ('C' << 8) | 'S',
    DA = ('D' << 8) | 'A',
    DS = ('D' << 8) | 'S',
    DT = ('D' << 8) | 'T',
    FD = ('F' << 8) | 'D',
    FL = ('F' << 8) | 'L',
    IS = ('I' << 8) | 'S',
    LO = ('L' << 8) | 'O',
    LT = ('L' << 8) | 'T',
    OB = ('O' << 8) | 'B',
    OD = ('O' << 8) | 'D',
    OF = ('O' << 8) | 'F',
    OL = ('O' << 8) | 'L',
    OV = ('O' << 8) | 'V',
    OW = ('O' << 8) | 'W',
    PN = ('P' << 8) | 'N',
    SH = ('S' << 8) | 'H',
    SL = ('S' << 8) | 'L',
    SQ = ('S' << 8) | 'Q',
    SS = ('S' << 8) | 'S',
    ST = ('S' << 8) | 'T',
    SV = ('S' << 8) | 'V',
    TM = ('T' << 8) | 'M',
    UC = ('U' << 8) | 'C',
    UI = ('U' << 8) | 'I',
    UL = ('U' << 8) | 'L',
    UN = ('U' << 8) | 'N',
    UR = ('U' << 8) | 'R',
    US = ('U' << 8) | 'S',
    UT = ('U' << 8) | 'T',
    UV = ('U' << 8) | 'V',
}
#pragma warning restore CA1707, CA1720

/// <summary>Encoding rules of each value representation.</summary>
public static class DicomVRExtensions
{
    /// <summary>True when explicit VR encoding uses two reserved bytes and a 32-bit length (PS3.5 table 7.1-1).</summary>
    public static bool HasLongLength(this DicomVR vr) => vr is DicomVR.OB or DicomVR.OD or DicomVR.OF or DicomVR.OL
        or DicomVR.OV or DicomVR.OW or DicomVR.SQ or DicomVR.SV or DicomVR.UC or DicomVR.UN or DicomVR.UR
        or DicomVR.UT or DicomVR.UV;

    /// <summary>True for VRs whose value is text (possibly several values separated by a backslash).</summary>
    public static bool IsText(this DicomVR vr) => vr is DicomVR.AE or DicomVR.AS or DicomVR.CS or DicomVR.DA
        or DicomVR.DS or DicomVR.DT or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH
        or DicomVR.ST or DicomVR.TM or DicomVR.UC or DicomVR.UI or DicomVR.UR or DicomVR.UT;

    /// <summary>True for text VRs decoded with the Specific Character Set; the others are plain ASCII.</summary>
    public static bool UsesCharacterSet(this DicomVR vr) => vr is DicomVR.LO or DicomVR.LT or DicomVR.PN
        or DicomVR.SH or DicomVR.ST or DicomVR.UC or DicomVR.UT;

    /// <summary>True for text VRs that hold one value only, so a backslash is ordinary text.</summary>
    public static bool IsSingleValuedText(this DicomVR vr) => vr is DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR;

    /// <summary>Size in bytes of one number whose byte order depends on the transfer syntax; 1 when none.</summary>
    public static int ByteSwapSize(this DicomVR vr) => vr switch
    {
        DicomVR.AT or DicomVR.OW or DicomVR.SS or DicomVR.US => 2,
        DicomVR.FL or DicomVR.OF or DicomVR.OL or DicomVR.SL or DicomVR.UL => 4,
        DicomVR.FD or DicomVR.OD or DicomVR.OV or DicomVR.SV or DicomVR.UV => 8,
        _ => 1,
    };

    /// <summary>Byte used to pad a value to even length: space for text, NUL for UI and binary VRs.</summary>
    public static byte PaddingByte(this DicomVR vr) => vr.IsText() && vr != DicomVR.UI ? (byte)' ' : (byte)0;

    /// <summary>The two-letter code, such as "OW".</summary>
    public static string Code(this DicomVR vr) => new([(char)((ushort)vr >> 8), (char)((ushort)vr & 0xFF)]);

    /// <summary>Parses two ASCII bytes as a VR; false when they are not a VR of PS3.5.</summary>
    public static bool TryParse(byte first, byte second, out DicomVR vr)
    {
        vr = (DicomVR)((first << 8) | second);
        return vr is DicomVR.AE or DicomVR.AS or DicomVR.AT or DicomVR.CS or DicomVR.DA or DicomVR.DS or DicomVR.DT
            or DicomVR.FD or DicomVR.FL or DicomVR.IS or DicomVR.LO or DicomVR.LT or DicomVR.OB or DicomVR.OD
            or DicomVR.OF or DicomVR.OL or DicomVR.OV or DicomVR.OW or DicomVR.PN or DicomVR.SH or DicomVR.SL
            or DicomVR.SQ or DicomVR.SS or DicomVR.ST or DicomVR.SV or DicomVR.TM or DicomVR.UC or DicomVR.UI
            or DicomVR.UL or DicomVR.UN or DicomVR.UR or DicomVR.US or DicomVR.UT or DicomVR.UV;
    }
}
