namespace StudyEdc.Dicom.Codecs;

/// <summary>A codec failed on one frame; <see cref="Pixels.DicomPixelData"/> wraps it in a <see cref="DicomReadException"/>
/// that names the file and frame.</summary>
internal sealed class DicomCodecException : Exception
{
    public DicomCodecException()
    {
    }

    public DicomCodecException(string message)
        : base(message)
    {
    }

    public DicomCodecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
