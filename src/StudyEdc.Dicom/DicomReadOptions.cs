namespace StudyEdc.Dicom;

/// <summary>Limits and choices for reading. The limits bound the memory one file may take, whatever it claims.</summary>
public sealed record DicomReadOptions
{
    public static DicomReadOptions Default { get; } = new();

    /// <summary>Largest file or stream accepted, in bytes (default 1 GiB).</summary>
    public long MaxFileBytes { get; init; } = 1L << 30;

    /// <summary>Largest dataset a deflated transfer syntax may inflate to, in bytes (default 512 MiB).</summary>
    public long MaxInflatedBytes { get; init; } = 512L << 20;

    /// <summary>Largest decoded frame (rows × columns × samples × bytes per sample) accepted (default 256 MiB).</summary>
    public long MaxFrameBytes { get; init; } = 256L << 20;

    /// <summary>Deepest nesting of sequences accepted (default 32).</summary>
    public int MaxSequenceDepth { get; init; } = 32;

    /// <summary>When false, reading stops at the Pixel Data element, which is then absent (for fast header scans).</summary>
    public bool ReadPixelData { get; init; } = true;
}
