using System.IO.Compression;
using StudyEdc.Dicom.Pixels;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class DicomBadInputTests
{
    [Fact]
    public void Truncated_file_names_offset_and_tag()
    {
        var bytes = DicomTestBytes.Image8(4, 4).ToFile();

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(bytes.AsMemory(0, bytes.Length - 5), "cut.dcm"));

        Assert.Equal("cut.dcm", exception.FileName);
        Assert.Equal(new DicomTag(0x7FE0, 0x0010), exception.Tag);
        Assert.NotNull(exception.Offset);
        Assert.Contains("exceeds", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Length_beyond_end_is_rejected()
    {
        var body = new DicomTestBytes().Long(0x0009, 0x1001, "OB", 0x7FFFFFF0, [1, 2]).ToBody();

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: body)));

        Assert.Equal(new DicomTag(0x0009, 0x1001), exception.Tag);
    }

    [Fact]
    public void Non_DICOM_file_is_rejected()
    {
        var bytes = "This is a text file, not DICOM.\n"u8.ToArray();

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(bytes, "notes.txt"));

        Assert.Contains("not a DICOM file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Absurd_dimensions_are_rejected_before_allocating()
    {
        var file = DicomFile.Parse(DicomTestBytes.Image8(2, 2).ToFile());
        file.Dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0010), 65535));
        file.Dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0011), 65535));
        file.Dataset.AddOrUpdate(DicomElement.FromUInt16(new DicomTag(0x0028, 0x0002), 3));

        var exception = Assert.Throws<DicomReadException>(file.GetPixelData);

        Assert.Contains("exceeds the limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Frame_beyond_pixel_data_is_rejected()
    {
        var file = DicomFile.Parse(DicomTestBytes.Image8(2, 2).ToFile());
        file.Dataset.AddOrUpdate(DicomElement.FromString(new DicomTag(0x0028, 0x0008), DicomVR.IS, "1000"));
        var pixels = file.GetPixelData();

        var exception = Assert.Throws<DicomReadException>(() => pixels.DecodeFrame(999));

        Assert.Contains("frame 999", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deflate_bomb_stops_at_limit()
    {
        var zeros = new MemoryStream();
        using (var deflater = new DeflateStream(zeros, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                deflater.Write(block);
            }
        }

        var bytes = new DicomTestBytes().ToFile("1.2.840.10008.1.2.1.99", zeros.ToArray());
        var options = new DicomReadOptions { MaxInflatedBytes = 8 << 20 };

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(bytes, "bomb.dcm", options));

        Assert.Contains("inflated dataset is larger than the limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Undefined_length_sequence_without_end_is_rejected()
    {
        byte[] itemStart = [0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF];
        var body = new DicomTestBytes()
            .Long(0x0008, 0x1140, "SQ", 0xFFFFFFFF, [])
            .Raw(itemStart)
            .Text(0x0008, 0x1150, "UI", "1.2.3")
            .ToBody();

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: body)));

        Assert.Contains("Item Delimitation Item", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_rejected()
    {
        byte[] nested = [];
        for (var depth = 0; depth < 200; depth++)
        {
            var item = new DicomTestBytes().Long(0x0008, 0x1140, "SQ", 0xFFFFFFFF, [])
                .Raw([0xFE, 0xFF, 0x00, 0xE0, 0xFF, 0xFF, 0xFF, 0xFF]).Raw(nested)
                .Raw([0xFE, 0xFF, 0x0D, 0xE0, 0, 0, 0, 0, 0xFE, 0xFF, 0xDD, 0xE0, 0, 0, 0, 0]).ToBody();
            nested = item;
        }

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: nested)));

        Assert.Contains("nested deeper", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void File_larger_than_limit_is_rejected()
    {
        var bytes = DicomTestBytes.Image8(64, 64).ToFile();
        var options = new DicomReadOptions { MaxFileBytes = 1024 };

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Read(new MemoryStream(bytes), "big.dcm", options));

        Assert.Contains("larger than the limit", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_JPEG_frame_raises_read_exception()
    {
        var path = RepositoryPaths.TestData("dicom", "wg04/data/WG04/JPLL/CT1_JPLL");
        var bytes = File.ReadAllBytes(path);
        var file = DicomFile.Parse(bytes);
        var frame = file.GetPixelData().GetEncapsulatedFrame(0);
        var start = bytes.AsSpan().IndexOf(frame.Span[..64]);
        bytes.AsSpan(start + 2, 200).Fill(0xFF);

        var exception = Assert.Throws<DicomReadException>(() => DicomFile.Parse(bytes).GetPixelData().DecodeFrame(0));

        Assert.Contains("JPEG", exception.Message, StringComparison.Ordinal);
    }
}
