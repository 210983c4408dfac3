using StudyEdc.Dicom.Pixels;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class DicomFileReadingTests
{
    private static string Sample(string path) => RepositoryPaths.TestData("dicom", path);

    [Fact]
    public void Non_seekable_stream_reads_like_file()
    {
        var path = Sample("wg04/data/WG04/RLE/CT1_RLE");
        var fromFile = PixelDigest.Compute(DicomFile.Open(path).GetPixelData());
        using var stream = new NonSeekableStream(File.ReadAllBytes(path));

        var fromStream = PixelDigest.Compute(DicomFile.Read(stream, "stream").GetPixelData());

        Assert.Equal(fromFile.Sha256, fromStream.Sha256);
    }

    [Fact]
    public void Big_endian_file_decodes_like_little_endian()
    {
        var little = DicomFile.Open(Sample("wg04/data/WG04/REF/CT1_UNC"));

        var big = DicomFile.Open(Sample("dicomParser/testImages/CT1_UNC.explicit_big_endian.dcm"));

        Assert.Equal(PixelDigest.Compute(little.GetPixelData()).Sha256, PixelDigest.Compute(big.GetPixelData()).Sha256);
        Assert.Equal(little.Dataset.GetString(new DicomTag(0x0020, 0x0032)), big.Dataset.GetString(new DicomTag(0x0020, 0x0032)));
    }

    [Fact]
    public void File_without_meta_infers_implicit_little_endian()
    {
        var file = DicomFile.Open(Sample("fo-dicom/Tests/FO-DICOM.Tests/Test Data/CR-MONO1-10-chest"));

        Assert.True(file.FileMeta.IsTransferSyntaxInferred);
        Assert.Equal(DicomTransferSyntax.ImplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal(440, file.Dataset.GetInt32(new DicomTag(0x0028, 0x0010)));
    }

    [Fact]
    public void Enhanced_CT_frames_have_own_positions()
    {
        var multiframe = DicomFile.Open(Sample("dcmqi/data/segmentations/24x38x3/multiframe/mf.dcm")).GetPixelData();
        var single = DicomFile.Open(Sample("dcmqi/data/segmentations/24x38x3/image/IMG0002.dcm"));

        var geometry = multiframe.GetFrameGeometry(1);

        Assert.Equal(3, multiframe.NumberOfFrames);
        Assert.Equal(single.Dataset.GetDoubleArray(new DicomTag(0x0020, 0x0032)), geometry.ImagePositionPatient);
        Assert.Equal(single.Dataset.GetDoubleArray(new DicomTag(0x0028, 0x0030)), geometry.PixelSpacing);
    }

    [Fact]
    public void Enhanced_CT_rescale_comes_from_shared_groups()
    {
        var pixels = DicomFile.Open(Sample("pydicom-data/data_store/data/eCT_Supplemental.dcm")).GetPixelData();

        var rescale = pixels.GetRescale(1);

        Assert.Equal(new DicomRescale(1, -1024), rescale);
    }

    [Fact]
    public void Rescaled_frame_is_hounsfield_units()
    {
        var pixels = DicomFile.Open(Sample("wg04/data/WG04/REF/CT1_UNC")).GetPixelData();
        var stored = pixels.DecodeFrame(0);
        var rescale = pixels.GetRescale(0)!.Value;

        var hu = pixels.DecodeFrameRescaled(0);

        Assert.Equal((float)rescale.Apply(stored[1000]), hu[1000]);
        Assert.Equal(-1024, rescale.Intercept);
    }

    [Fact]
    public void Header_scan_stops_before_pixel_data()
    {
        var options = new DicomReadOptions { ReadPixelData = false };

        var file = DicomFile.Open(Sample("wg04/data/WG04/REF/CT1_UNC"), options);

        Assert.False(file.Dataset.Contains(DicomPixelData.PixelDataTag));
        Assert.Equal("CT", file.Dataset.GetString(new DicomTag(0x0008, 0x0060)));
    }

    [Fact]
    public void Undefined_length_UN_sequence_is_read_as_items()
    {
        var file = DicomFile.Open(Sample("pydicom/src/pydicom/data/test_files/UN_sequence.dcm"));

        var sequences = file.Dataset.OfType<DicomSequence>().ToList();

        Assert.Contains(sequences, sequence => sequence.Items.Count > 0);
    }

    [Fact]
    public void Private_elements_keep_their_bytes()
    {
        var body = new DicomTestBytes()
            .Text(0x0009, 0x0010, "LO", "ACME")
            .Long(0x0009, 0x1001, "OB", 4, [1, 2, 3, 4])
            .ToBody();

        var file = DicomFile.Parse(new DicomTestBytes().ToFile(bodyOverride: body));

        Assert.Equal(new byte[] { 1, 2, 3, 4 }, file.Dataset.GetBytes(new DicomTag(0x0009, 0x1001)).ToArray());
        Assert.Null(new DicomTag(0x0009, 0x1001).Keyword);
    }

    [Fact]
    public void Dictionary_finds_keyword_both_ways()
    {
        var tag = DicomTag.FromKeyword("ImagePositionPatient");

        Assert.Equal(new DicomTag(0x0020, 0x0032), tag);
        Assert.Equal("ImagePositionPatient", tag.Keyword);
        Assert.Equal("OverlayData", new DicomTag(0x6002, 0x3000).Keyword);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }
    }
}
