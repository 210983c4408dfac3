namespace StudyEdc.Dicom.Deidentification;

/// <summary>
/// Finds objects whose pixels or content may show identifiers that attribute de-identification cannot remove:
/// dose reports, secondary captures and images with burned-in annotation.
/// </summary>
internal static class QuarantineCheck
{
    private const string SecondaryCaptureClassPrefix = "1.2.840.10008.5.1.4.1.1.7";

    private static readonly DicomTag SopClassUidTag = new(0x0008, 0x0016);
    private static readonly DicomTag ImageTypeTag = new(0x0008, 0x0008);
    private static readonly DicomTag SeriesDescriptionTag = new(0x0008, 0x103E);
    private static readonly DicomTag BurnedInAnnotationTag = new(0x0028, 0x0301);

    // X-Ray Radiation Dose SR, Radiopharmaceutical Radiation Dose SR, Enhanced X-Ray Radiation Dose SR.
    private static readonly string[] DoseReportClasses =
    [
        "1.2.840.10008.5.1.4.1.1.88.67", "1.2.840.10008.5.1.4.1.1.88.68", "1.2.840.10008.5.1.4.1.1.88.76",
    ];

    // Series descriptions that CT consoles give their dose screens (English and Chinese).
    private static readonly string[] DoseScreenWords = ["dose report", "dose info", "dose summary", "patient protocol", "剂量"];

    public static DeidentificationResult? Find(DicomDataset dataset, DeidentificationOptions options)
    {
        var sopClassUid = dataset.GetString(SopClassUidTag) ?? "";
        var description = dataset.GetString(SeriesDescriptionTag) ?? "";
        var isDoseReport = DoseReportClasses.Contains(sopClassUid)
            || DoseScreenWords.Any(word => description.Contains(word, StringComparison.OrdinalIgnoreCase));
        if (isDoseReport && !options.AllowDoseReports)
        {
            return DeidentificationResult.Quarantined(QuarantineReason.DoseReport,
                $"SOP class {sopClassUid} with this series description is a radiation dose report, which shows "
                + "patient data in its text or pixels; set AllowDoseReports to accept it.");
        }

        var imageType = dataset.GetStrings(ImageTypeTag);
        var isSecondaryCapture = sopClassUid == SecondaryCaptureClassPrefix
            || sopClassUid.StartsWith(SecondaryCaptureClassPrefix + ".", StringComparison.Ordinal)
            || imageType.Contains("SCREEN SAVE", StringComparer.OrdinalIgnoreCase);
        if (isSecondaryCapture && !options.AllowSecondaryCapture)
        {
            return DeidentificationResult.Quarantined(QuarantineReason.SecondaryCapture,
                $"SOP class {sopClassUid} is a secondary capture (or ImageType says SCREEN SAVE), usually a screenshot "
                + "that may show identifiers in its pixels; set AllowSecondaryCapture to accept it.");
        }

        var burnedIn = dataset.GetString(BurnedInAnnotationTag)?.Trim();
        if (string.Equals(burnedIn, "YES", StringComparison.OrdinalIgnoreCase) && !options.AllowBurnedInAnnotation)
        {
            return DeidentificationResult.Quarantined(QuarantineReason.BurnedInAnnotation,
                "BurnedInAnnotation (0028,0301) is YES, so the pixels may show the patient's name or ID; "
                + "set AllowBurnedInAnnotation to accept it.");
        }

        return null;
    }
}
