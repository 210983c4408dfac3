using System.Text;

namespace StudyEdc.Dicom.Text;

/// <summary>
/// A Specific Character Set (0008,0005) and the decoding it implies (PS3.3 section C.12.1.1.2, PS3.5 section 6.1).
/// Single-byte sets, ISO_IR 192 (UTF-8), GB18030 and GBK decode whole values; ISO 2022 sets switch encodings at
/// escape sequences and return to the initial set after each value, component and line delimiter.
/// Unknown defined terms decode as ISO_IR 100 (Latin-1), which loses no byte.
/// </summary>
public sealed class DicomCharacterSet
{
    private const byte Escape = 0x1B;

    static DicomCharacterSet()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Default = new DicomCharacterSet([], Encoding.Latin1, isIso2022: false);
    }

    private DicomCharacterSet(string[] terms, Encoding initial, bool isIso2022)
    {
        Terms = terms;
        InitialEncoding = initial;
        IsIso2022 = isIso2022;
    }

    /// <summary>The default repertoire (ISO_IR 6), decoded as Latin-1 so that non-conforming bytes survive.</summary>
    public static DicomCharacterSet Default { get; }

    /// <summary>The defined terms as the dataset lists them, such as ["ISO 2022 IR 6", "ISO 2022 IR 87"].</summary>
    public IReadOnlyList<string> Terms { get; }

    /// <summary>The encoding in force at the start of every value, used alone when there are no code extensions.</summary>
    public Encoding InitialEncoding { get; }

    public bool IsIso2022 { get; }

    /// <summary>Builds the character set of a Specific Character Set value list.</summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0 || (terms.Count == 1 && string.IsNullOrWhiteSpace(terms[0])))
        {
            return Default;
        }

        var first = terms[0].Trim();
        var isIso2022 = terms.Count > 1 || first.StartsWith("ISO 2022", StringComparison.Ordinal);
        var initial = EncodingOfTerm(first) ?? Encoding.Latin1;
        return new DicomCharacterSet([.. terms], initial, isIso2022);
    }

    /// <summary>Decodes a value of the given VR; VRs outside LO, LT, PN, SH, ST, UC and UT decode as Latin-1.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (!vr.UsesCharacterSet())
        {
            return Encoding.Latin1.GetString(bytes);
        }

        if (!IsIso2022 || bytes.IndexOf(Escape) < 0)
        {
            return InitialEncoding.GetString(bytes);
        }

        return DecodeIso2022(bytes, vr == DicomVR.PN);
    }

    /// <summary>Encodes text with the initial encoding. Values that need ISO 2022 escape sequences
    /// are not produced; characters outside the initial encoding become '?'.</summary>
    public byte[] Encode(string text) => InitialEncoding.GetBytes(text);

    private string DecodeIso2022(ReadOnlySpan<byte> bytes, bool isPersonName)
    {
        var builder = new StringBuilder(bytes.Length);
        var current = InitialEncoding;
        var start = 0;
        var i = 0;
        while (i < bytes.Length)
        {
            var value = bytes[i];
            if (value == Escape)
            {
                builder.Append(current.GetString(bytes[start..i]));
                var (encoding, length, keepEscape) = ParseEscape(bytes[i..]);
                current = encoding ?? current;
                start = keepEscape ? i : i + length;
                i += length;
                continue;
            }

            // Delimiters return to the initial character set (PS3.5 section 6.1.2.5.3).
            var isDelimiter = value is (byte)'\\' or 0x0D or 0x0A or 0x09 or 0x0C
                || (isPersonName && value is (byte)'^' or (byte)'=');
            if (isDelimiter && current != InitialEncoding && !IsMultiByteG0(current))
            {
                builder.Append(current.GetString(bytes[start..i]));
                current = InitialEncoding;
                start = i;
            }

            i++;
        }

        builder.Append(current.GetString(bytes[start..]));
        return builder.ToString();
    }

    // A two-byte G0 set (JIS X 0208) uses bytes that look like delimiters, so it is only left at an escape.
    private static bool IsMultiByteG0(Encoding encoding) => encoding.CodePage == 50220;

    private static (Encoding? Encoding, int Length, bool KeepEscape) ParseEscape(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<(string Sequence, string Term)> known =
        [
            ("\u001B(B", "ISO 2022 IR 6"),
            ("\u001B(J", "ISO 2022 IR 14"),
            ("\u001B)I", "ISO 2022 IR 13"),
            ("\u001B-A", "ISO 2022 IR 100"),
            ("\u001B-B", "ISO 2022 IR 101"),
            ("\u001B-C", "ISO 2022 IR 109"),
            ("\u001B-D", "ISO 2022 IR 110"),
            ("\u001B-L", "ISO 2022 IR 144"),
            ("\u001B-G", "ISO 2022 IR 127"),
            ("\u001B-F", "ISO 2022 IR 126"),
            ("\u001B-H", "ISO 2022 IR 138"),
            ("\u001B-M", "ISO 2022 IR 148"),
            ("\u001B-T", "ISO 2022 IR 166"),
            ("\u001B-b", "ISO 2022 IR 203"),
            ("\u001B$B", "ISO 2022 IR 87"),
            ("\u001B$)C", "ISO 2022 IR 149"),
            ("\u001B$)A", "ISO 2022 IR 58"),
        ];
        foreach (var (sequence, term) in known)
        {
            if (bytes.Length >= sequence.Length && Matches(bytes, sequence))
            {
                // The escape itself is kept for ISO-2022-JP, whose .NET decoder switches on it.
                return (EncodingOfTerm(term), sequence.Length, term == "ISO 2022 IR 87");
            }
        }

        // An unknown escape: skip the ESC byte and keep decoding with the current set.
        return (null, 1, false);
    }

    private static bool Matches(ReadOnlySpan<byte> bytes, string sequence)
    {
        for (var i = 0; i < sequence.Length; i++)
        {
            if (bytes[i] != sequence[i])
            {
                return false;
            }
        }

        return true;
    }

    private static Encoding? EncodingOfTerm(string term) => term.Replace("ISO 2022 IR ", "ISO_IR ", StringComparison.Ordinal) switch
    {
        "" or "ISO_IR 6" or "ISO_IR 100" => Encoding.Latin1,
        "ISO_IR 101" => Encoding.GetEncoding("iso-8859-2"),
        "ISO_IR 109" => Encoding.GetEncoding("iso-8859-3"),
        "ISO_IR 110" => Encoding.GetEncoding("iso-8859-4"),
        "ISO_IR 144" => Encoding.GetEncoding("iso-8859-5"),
        "ISO_IR 127" => Encoding.GetEncoding("iso-8859-6"),
        "ISO_IR 126" => Encoding.GetEncoding("iso-8859-7"),
        "ISO_IR 138" => Encoding.GetEncoding("iso-8859-8"),
        "ISO_IR 148" => Encoding.GetEncoding("iso-8859-9"),
        "ISO_IR 203" => Encoding.GetEncoding("iso-8859-15"),
        "ISO_IR 166" => Encoding.GetEncoding(874),
        "ISO_IR 13" or "ISO_IR 14" => Encoding.GetEncoding("shift_jis"),
        "ISO_IR 87" => Encoding.GetEncoding(50220),
        "ISO_IR 149" => Encoding.GetEncoding(51949),
        "ISO_IR 58" => Encoding.GetEncoding(936),
        "ISO_IR 192" => Encoding.UTF8,
        "GB18030" => Encoding.GetEncoding(54936),
        "GBK" => Encoding.GetEncoding(936),
        _ => null,
    };
}
