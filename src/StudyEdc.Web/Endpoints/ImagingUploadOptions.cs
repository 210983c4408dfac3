namespace StudyEdc.Web.Endpoints;

/// <summary>Limits of the image upload, bound from the configuration section <c>Imaging:Upload</c>.</summary>
public sealed class ImagingUploadOptions
{
    public const string SectionName = "Imaging:Upload";

    /// <summary>Largest request (all files together) in bytes; default 8 GiB, enough for a thin-slice AP + PVP exam.</summary>
    public long MaxRequestBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>Largest single file or zip in bytes; default 4 GiB.</summary>
    public long MaxFileBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Most files in one upload, counting the entries of zips; default 20000.</summary>
    public int MaxFiles { get; set; } = 20000;

    /// <summary>Most bytes extracted from the zips of one upload; default 16 GiB, which stops a zip bomb.</summary>
    public long MaxExtractedBytes { get; set; } = 16L * 1024 * 1024 * 1024;
}
