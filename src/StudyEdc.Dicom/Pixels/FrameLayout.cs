namespace StudyEdc.Dicom.Pixels;

/// <summary>What a codec needs to know about the frame it decodes.</summary>
internal readonly record struct FrameLayout(
    int Rows, int Columns, int SamplesPerPixel, int BitsAllocated, int BitsStored, bool IsSigned, int PlanarConfiguration)
{
    public int PixelCount => Rows * Columns;

    public int ValueCount => Rows * Columns * SamplesPerPixel;
}
