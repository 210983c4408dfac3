using System.Text;
using StudyEdc.Dicom.Text;

namespace StudyEdc.Dicom.Tests;

public sealed class DicomCharacterSetTests
{
    private static readonly DicomTag PatientName = new(0x0010, 0x0010);

    static DicomCharacterSetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Theory]
    [InlineData("ISO_IR 192", 65001)]
    [InlineData("GB18030", 54936)]
    [InlineData("GBK", 936)]
    public void Chinese_name_decodes(string term, int codePage)
    {
        var name = "王^小明=Wang^Xiaoming";
        var bytes = DicomTestBytes.Pad(Encoding.GetEncoding(codePage).GetBytes(name));
        var body = new DicomTestBytes().Text(0x0008, 0x0005, "CS", term).Short(0x0010, 0x0010, "PN", bytes).ToBody();

        var file = DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: body));

        Assert.Equal(name, file.Dataset.GetString(PatientName));
    }

    [Fact]
    public void Item_inherits_character_set()
    {
        var name = DicomTestBytes.Pad(Encoding.UTF8.GetBytes("李^四"));
        var item = new DicomTestBytes().Short(0x0010, 0x0010, "PN", name).ToBody();
        byte[] itemHeader = [0xFE, 0xFF, 0x00, 0xE0, .. BitConverter.GetBytes((uint)item.Length)];
        var body = new DicomTestBytes()
            .Text(0x0008, 0x0005, "CS", "ISO_IR 192")
            .Long(0x0008, 0x1120, "SQ", (uint)(itemHeader.Length + item.Length), [.. itemHeader, .. item])
            .ToBody();

        var file = DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: body));

        Assert.Equal("李^四", file.Dataset.GetFirstItem(new DicomTag(0x0008, 0x1120))!.GetString(PatientName));
    }

    [Fact]
    public void ISO_2022_Japanese_switches_at_escapes()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 87"]);
        var kanji = Encoding.GetEncoding(50220).GetBytes("山田");
        byte[] value = [.. "Yamada^Tarou="u8, .. kanji, .. "\u001b(B"u8, (byte)'^', .. Encoding.GetEncoding(50220).GetBytes("太郎"), .. "\u001b(B"u8];

        var text = set.Decode(value, DicomVR.PN);

        Assert.Equal("Yamada^Tarou=山田^太郎", text);
    }

    [Fact]
    public void ISO_2022_Korean_decodes_G1_bytes()
    {
        var set = DicomCharacterSet.FromTerms(["", "ISO 2022 IR 149"]);
        // Delimiters return to the initial set, so the escape is repeated after '^' (PS3.5 annex I example).
        var korean = Encoding.GetEncoding(51949);
        byte[] value = [.. "Hong^Gildong="u8, .. "\u001b$)C"u8, .. korean.GetBytes("홍"), (byte)'^', .. "\u001b$)C"u8, .. korean.GetBytes("길동")];

        var text = set.Decode(value, DicomVR.PN);

        Assert.Equal("Hong^Gildong=홍^길동", text);
    }

    [Fact]
    public void Latin1_default_keeps_every_byte()
    {
        var text = DicomCharacterSet.Default.Decode([0x4D, 0xFC, 0x6C, 0x6C, 0x65, 0x72], DicomVR.PN);

        Assert.Equal("Müller", text);
    }

    [Fact]
    public void Encoding_round_trips_GB18030()
    {
        var set = DicomCharacterSet.FromTerms(["GB18030"]);

        var bytes = set.Encode("张^三");

        Assert.Equal("张^三", set.Decode(bytes, DicomVR.PN));
    }
}
