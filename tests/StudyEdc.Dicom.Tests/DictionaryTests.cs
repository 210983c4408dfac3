using StudyEdc.Dicom.Dictionary;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class DictionaryTests
{
    [Fact]
    public void Table_contains_whole_registry()
    {
        var count = DicomDictionary.Count;

        Assert.InRange(count, 4000, 6000);
    }

    [Theory]
    [InlineData(0x0010, 0x0010, "PatientName", DicomVR.PN)]
    [InlineData(0x0020, 0x0032, "ImagePositionPatient", DicomVR.DS)]
    [InlineData(0x0028, 0x0010, "Rows", DicomVR.US)]
    [InlineData(0x0008, 0x1140, "ReferencedImageSequence", DicomVR.SQ)]
    public void Known_tag_has_keyword_and_VR(int group, int element, string keyword, DicomVR vr)
    {
        var entry = DicomDictionary.Find(new DicomTag((ushort)group, (ushort)element));

        Assert.NotNull(entry);
        Assert.Equal(keyword, entry.Keyword);
        Assert.Equal(vr, entry.VR);
        Assert.False(entry.IsRetired);
    }

    [Fact]
    public void Pixel_data_allows_OW_and_OB()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x7FE0, 0x0010));

        Assert.NotNull(entry);
        Assert.Equal("PixelData", entry.Keyword);
        Assert.Equal([DicomVR.OW, DicomVR.OB], entry.AllowedVRs);
    }

    [Fact]
    public void Smallest_pixel_value_is_US_or_SS()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0028, 0x0106));

        Assert.NotNull(entry);
        Assert.True(entry.IsUnsignedOrSigned);
    }

    [Fact]
    public void Retired_tag_is_flagged_without_prefix()
    {
        // (0028,0040) Image Format is retired in PS3.6; DCMTK writes its name as RETIRED_ImageFormat.
        var entry = DicomDictionary.Find(new DicomTag(0x0028, 0x0040));

        Assert.NotNull(entry);
        Assert.Equal("ImageFormat", entry.Keyword);
        Assert.True(entry.IsRetired);
    }

    [Fact]
    public void Overlay_data_of_second_group_resolves()
    {
        var tag = new DicomTag(0x6002, 0x3000);

        var entry = DicomDictionary.Find(tag);

        Assert.NotNull(entry);
        Assert.Equal("OverlayData", entry.Keyword);
        Assert.Equal(tag, entry.Tag);
        Assert.Equal(DicomVR.OW, entry.VR);
    }

    [Fact]
    public void Odd_overlay_group_is_private()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x6001, 0x3000));

        Assert.Null(entry);
    }

    [Fact]
    public void Repeating_element_range_resolves()
    {
        var entry = DicomDictionary.Find(new DicomTag(0x0020, 0x3102));

        Assert.NotNull(entry);
        Assert.Equal("SourceImageIDs", entry.Keyword);
        Assert.True(entry.IsRetired);
    }

    [Fact]
    public void Exact_tag_wins_over_repeating_group()
    {
        // 7FE0 is also an even group of the retired 7Fxx Variable Pixel Data range.
        var entry = DicomDictionary.Find(new DicomTag(0x7FE0, 0x0010));

        Assert.NotNull(entry);
        Assert.Equal("PixelData", entry.Keyword);
    }

    [Theory]
    [InlineData("PatientName")]
    [InlineData("PatientID")]
    [InlineData("ImagePositionPatient")]
    [InlineData("OtherPatientIDs")]
    [InlineData("PerformingPhysicianName")]
    [InlineData("DeviceSerialNumber")]
    [InlineData("FrameOfReferenceUID")]
    public void Keyword_round_trips_through_tag(string keyword)
    {
        var tag = DicomTag.FromKeyword(keyword);

        Assert.Equal(keyword, tag.Keyword);
    }

    [Fact]
    public void Unknown_keyword_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => DicomTag.FromKeyword("PatientNam"));

        Assert.Contains("'PatientNam'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData( // A GE CT slice, written by DCMTK in Explicit VR Big Endian and in Implicit VR Little Endian.
        "cornerstoneWADOImageLoader/testImages/CTImage.dcm_BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2.dcm",
        "cornerstoneWADOImageLoader/testImages/CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm")]
    [InlineData( // pydicom's small MR, with MR elements such as (0018,0080) Repetition Time and (0018,0081) Echo Time.
        "pydicom/src/pydicom/data/test_files/MR_small.dcm",
        "pydicom/src/pydicom/data/test_files/MR_small_implicit.dcm")]
    public void Implicit_VR_file_takes_VRs_from_dictionary(string explicitPath, string implicitPath)
    {
        var explicitFile = DicomFile.Open(RepositoryPaths.TestData("dicom", explicitPath));

        var implicitFile = DicomFile.Open(RepositoryPaths.TestData("dicom", implicitPath));

        // MR_small.dcm ends in Data Set Trailing Padding, which its implicit copy lacks, so compare shared tags.
        var sharedElements = explicitFile.Dataset
            .Where(element => !element.Tag.IsPrivate && implicitFile.Dataset.Contains(element.Tag))
            .ToList();
        Assert.NotEmpty(sharedElements);
        foreach (var expected in sharedElements)
        {
            var actual = implicitFile.Dataset.Find(expected.Tag)!;
            Assert.True(expected.VR == actual.VR, $"{expected.Tag} {expected.Tag.Keyword}: explicit {expected.VR}, implicit {actual.VR}");
        }
    }
}
