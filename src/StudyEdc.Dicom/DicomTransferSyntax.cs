namespace StudyEdc.Dicom;

/// <summary>How encapsulated pixel data of a transfer syntax is compressed.</summary>
public enum DicomCompression
{
    None,
    Rle,
    JpegBaseline,
    JpegExtended,
    JpegProgressive,
    JpegLossless,
    JpegLs,
    Jpeg2000,
    HighThroughputJpeg2000,
    DeflatedFrame,
    Unsupported,
}

/// <summary>A transfer syntax: byte order, VR encoding and pixel data compression (PS3.5 section 10, PS3.6 annex A).</summary>
public sealed record DicomTransferSyntax(
    string Uid, string Name, bool IsExplicitVR, bool IsBigEndian, bool IsDeflated, DicomCompression Compression)
{
    public static readonly DicomTransferSyntax ImplicitVRLittleEndian = new("1.2.840.10008.1.2", "Implicit VR Little Endian", false, false, false, DicomCompression.None);
    public static readonly DicomTransferSyntax ExplicitVRLittleEndian = new("1.2.840.10008.1.2.1", "Explicit VR Little Endian", true, false, false, DicomCompression.None);
    public static readonly DicomTransferSyntax DeflatedExplicitVRLittleEndian = new("1.2.840.10008.1.2.1.99", "Deflated Explicit VR Little Endian", true, false, true, DicomCompression.None);
    public static readonly DicomTransferSyntax ExplicitVRBigEndian = new("1.2.840.10008.1.2.2", "Explicit VR Big Endian (retired)", true, true, false, DicomCompression.None);
    public static readonly DicomTransferSyntax EncapsulatedUncompressed = new("1.2.840.10008.1.2.1.98", "Encapsulated Uncompressed Explicit VR Little Endian", true, false, false, DicomCompression.None);
    public static readonly DicomTransferSyntax DeflatedImageFrameCompression = new("1.2.840.10008.1.2.8.1", "Deflated Image Frame Compression", true, false, false, DicomCompression.DeflatedFrame);
    public static readonly DicomTransferSyntax RleLossless = new("1.2.840.10008.1.2.5", "RLE Lossless", true, false, false, DicomCompression.Rle);
    public static readonly DicomTransferSyntax JpegBaseline = new("1.2.840.10008.1.2.4.50", "JPEG Baseline (Process 1)", true, false, false, DicomCompression.JpegBaseline);
    public static readonly DicomTransferSyntax JpegExtended = new("1.2.840.10008.1.2.4.51", "JPEG Extended (Process 2 & 4)", true, false, false, DicomCompression.JpegExtended);
    public static readonly DicomTransferSyntax JpegSpectralSelection = new("1.2.840.10008.1.2.4.53", "JPEG Spectral Selection, Non-Hierarchical (Process 6 & 8) (retired)", true, false, false, DicomCompression.JpegProgressive);
    public static readonly DicomTransferSyntax JpegFullProgression = new("1.2.840.10008.1.2.4.55", "JPEG Full Progression, Non-Hierarchical (Process 10 & 12) (retired)", true, false, false, DicomCompression.JpegProgressive);
    public static readonly DicomTransferSyntax JpegLosslessProcess14 = new("1.2.840.10008.1.2.4.57", "JPEG Lossless, Non-Hierarchical (Process 14)", true, false, false, DicomCompression.JpegLossless);
    public static readonly DicomTransferSyntax JpegLosslessSV1 = new("1.2.840.10008.1.2.4.70", "JPEG Lossless, Non-Hierarchical, First-Order Prediction (Process 14 [Selection Value 1])", true, false, false, DicomCompression.JpegLossless);
    public static readonly DicomTransferSyntax JpegLsLossless = new("1.2.840.10008.1.2.4.80", "JPEG-LS Lossless Image Compression", true, false, false, DicomCompression.JpegLs);
    public static readonly DicomTransferSyntax JpegLsNearLossless = new("1.2.840.10008.1.2.4.81", "JPEG-LS Lossy (Near-Lossless) Image Compression", true, false, false, DicomCompression.JpegLs);
    public static readonly DicomTransferSyntax Jpeg2000Lossless = new("1.2.840.10008.1.2.4.90", "JPEG 2000 Image Compression (Lossless Only)", true, false, false, DicomCompression.Jpeg2000);
    public static readonly DicomTransferSyntax Jpeg2000 = new("1.2.840.10008.1.2.4.91", "JPEG 2000 Image Compression", true, false, false, DicomCompression.Jpeg2000);
    public static readonly DicomTransferSyntax HtJpeg2000Lossless = new("1.2.840.10008.1.2.4.201", "High-Throughput JPEG 2000 Image Compression (Lossless Only)", true, false, false, DicomCompression.HighThroughputJpeg2000);
    public static readonly DicomTransferSyntax HtJpeg2000RpclLossless = new("1.2.840.10008.1.2.4.202", "High-Throughput JPEG 2000 with RPCL Options Image Compression (Lossless Only)", true, false, false, DicomCompression.HighThroughputJpeg2000);
    public static readonly DicomTransferSyntax HtJpeg2000 = new("1.2.840.10008.1.2.4.203", "High-Throughput JPEG 2000 Image Compression", true, false, false, DicomCompression.HighThroughputJpeg2000);

    private static readonly Dictionary<string, DicomTransferSyntax> Known = new[]
    {
        ImplicitVRLittleEndian, ExplicitVRLittleEndian, DeflatedExplicitVRLittleEndian, ExplicitVRBigEndian,
        EncapsulatedUncompressed, DeflatedImageFrameCompression, RleLossless, JpegBaseline, JpegExtended,
        JpegSpectralSelection, JpegFullProgression, JpegLosslessProcess14, JpegLosslessSV1, JpegLsLossless,
        JpegLsNearLossless, Jpeg2000Lossless, Jpeg2000, HtJpeg2000Lossless, HtJpeg2000RpclLossless, HtJpeg2000,
    }.ToDictionary(syntax => syntax.Uid, StringComparer.Ordinal);

    /// <summary>True when the pixel data is a sequence of fragments rather than one native value.</summary>
    public bool IsEncapsulated => Compression != DicomCompression.None || this == EncapsulatedUncompressed;

    /// <summary>Returns the transfer syntax of a UID. An unknown UID is taken as explicit VR little endian with
    /// encapsulated pixel data that no codec here decodes (PS3.5 section 10 requires that encoding of every
    /// transfer syntax other than the ones listed above).</summary>
    public static DicomTransferSyntax FromUid(string uid)
    {
        ArgumentNullException.ThrowIfNull(uid);
        var trimmed = uid.TrimEnd('\0', ' ');
        return Known.TryGetValue(trimmed, out var syntax)
            ? syntax
            : new DicomTransferSyntax(trimmed, $"Unknown transfer syntax {trimmed}", true, false, false, DicomCompression.Unsupported);
    }

    public override string ToString() => $"{Name} ({Uid})";
}
