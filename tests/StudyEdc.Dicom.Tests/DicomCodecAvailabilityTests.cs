using StudyEdc.Dicom.Codecs;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

[CollectionDefinition(nameof(NativeCodecOverrides), DisableParallelization = true)]
public sealed class NativeCodecOverrides;

[Collection(nameof(NativeCodecOverrides))]
public sealed class DicomCodecAvailabilityTests
{
    [Fact]
    public void Missing_CharLS_names_syntax_and_package()
    {
        var pixels = DicomFile.Open(RepositoryPaths.TestData("dicom", "wg04/data/WG04/JLSL/CT1_JLSL")).GetPixelData();
        NativeCodecLibraries.Override(NativeCodecLibraries.CharLS, "libcharls-absent.so.99");
        try
        {
            var exception = Assert.Throws<DicomReadException>(() => pixels.DecodeFrame(0));

            Assert.Contains("1.2.840.10008.1.2.4.80", exception.Message, StringComparison.Ordinal);
            Assert.Contains("libcharls2", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            NativeCodecLibraries.ClearOverride(NativeCodecLibraries.CharLS);
        }
    }

    [Fact]
    public void Missing_OpenJPEG_names_syntax_and_package()
    {
        var pixels = DicomFile.Open(RepositoryPaths.TestData("dicom", "wg04/data/WG04/J2KR/CT1_J2KR")).GetPixelData();
        NativeCodecLibraries.Override(NativeCodecLibraries.OpenJpeg, "libopenjp2-absent.so.99");
        try
        {
            var exception = Assert.Throws<DicomReadException>(() => pixels.DecodeFrame(0));

            Assert.Contains("1.2.840.10008.1.2.4.90", exception.Message, StringComparison.Ordinal);
            Assert.Contains("libopenjp2-7", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            NativeCodecLibraries.ClearOverride(NativeCodecLibraries.OpenJpeg);
        }
    }
}
