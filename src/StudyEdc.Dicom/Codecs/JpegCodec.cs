using StudyEdc.Dicom.Codecs.Jpeg;
using StudyEdc.Dicom.Pixels;

namespace StudyEdc.Dicom.Codecs;

/// <summary>
/// JPEG processes 1, 2/4, 6-12 and 14 through <see cref="JpegFrameDecoder"/>. Subsampled chroma is upsampled as the
/// IJG library does. Samples stay in the colour space they were coded in, regardless of JFIF or Adobe markers:
/// YBR_FULL stays YCbCr and RGB stays as stored, as GDCM returns them.
/// </summary>
internal static class JpegCodec
{
    public static void Decode(ReadOnlyMemory<byte> data, FrameLayout layout, Span<int> output)
    {
        var image = JpegFrameDecoder.Decode(data.ToArray(), layout.Columns, layout.Rows, layout.SamplesPerPixel);
        var samples = layout.SamplesPerPixel;
        var planes = new int[samples][];
        for (var c = 0; c < samples; c++)
        {
            planes[c] = JpegUpsampler.ToFullResolution(image, image.Components[c]);
        }

        var pixels = layout.PixelCount;
        for (var c = 0; c < samples; c++)
        {
            var plane = planes[c];
            for (var i = 0; i < pixels; i++)
            {
                output[(i * samples) + c] = plane[i];
            }
        }
    }
}
