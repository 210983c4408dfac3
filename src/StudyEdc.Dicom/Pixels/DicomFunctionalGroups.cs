namespace StudyEdc.Dicom.Pixels;

/// <summary>
/// Per-frame values of an enhanced multi-frame object (PS3.3 section C.7.6.16): a frame's Per-Frame Functional
/// Groups item wins over the Shared Functional Groups, which win over the top-level attributes.
/// </summary>
internal sealed class DicomFunctionalGroups(DicomDataset dataset)
{
    private static readonly DicomTag SharedFunctionalGroupsTag = new(0x5200, 0x9229);
    private static readonly DicomTag PerFrameFunctionalGroupsTag = new(0x5200, 0x9230);
    private static readonly DicomTag PlanePositionTag = new(0x0020, 0x9113);
    private static readonly DicomTag PlaneOrientationTag = new(0x0020, 0x9116);
    private static readonly DicomTag PixelMeasuresTag = new(0x0028, 0x9110);
    private static readonly DicomTag PixelValueTransformationTag = new(0x0028, 0x9145);
    private static readonly DicomTag ImagePositionPatientTag = new(0x0020, 0x0032);
    private static readonly DicomTag ImageOrientationPatientTag = new(0x0020, 0x0037);
    private static readonly DicomTag PixelSpacingTag = new(0x0028, 0x0030);
    private static readonly DicomTag SliceThicknessTag = new(0x0018, 0x0050);
    private static readonly DicomTag RescaleInterceptTag = new(0x0028, 0x1052);
    private static readonly DicomTag RescaleSlopeTag = new(0x0028, 0x1053);

    public DicomRescale? GetRescale(int frame)
    {
        foreach (var source in Sources(frame, PixelValueTransformationTag))
        {
            var slope = ReadDoubles(source, RescaleSlopeTag);
            var intercept = ReadDoubles(source, RescaleInterceptTag);
            if (slope.Length > 0 || intercept.Length > 0)
            {
                return new DicomRescale(slope.Length > 0 ? slope[0] : 1, intercept.Length > 0 ? intercept[0] : 0);
            }
        }

        return null;
    }

    public DicomFrameGeometry GetGeometry(int frame) => new(
        Find(frame, PlanePositionTag, ImagePositionPatientTag, 3),
        Find(frame, PlaneOrientationTag, ImageOrientationPatientTag, 6),
        Find(frame, PixelMeasuresTag, PixelSpacingTag, 2),
        Find(frame, PixelMeasuresTag, SliceThicknessTag, 1)?[0]);

    private double[]? Find(int frame, DicomTag macro, DicomTag attribute, int count)
    {
        foreach (var source in Sources(frame, macro))
        {
            var values = ReadDoubles(source, attribute);
            if (values.Length >= count)
            {
                return values[..count];
            }
        }

        return null;
    }

    /// <summary>The datasets to search, most specific first: the frame's macro item, the shared macro item and
    /// the top-level dataset.</summary>
    private IEnumerable<DicomDataset> Sources(int frame, DicomTag macro)
    {
        var perFrame = dataset.GetItems(PerFrameFunctionalGroupsTag);
        if (frame < perFrame.Count && perFrame[frame].GetFirstItem(macro) is { } frameMacro)
        {
            yield return frameMacro;
        }

        if (dataset.GetFirstItem(SharedFunctionalGroupsTag)?.GetFirstItem(macro) is { } sharedMacro)
        {
            yield return sharedMacro;
        }

        yield return dataset;
    }

    private static double[] ReadDoubles(DicomDataset source, DicomTag tag) => source.GetDoubleArray(tag);
}
