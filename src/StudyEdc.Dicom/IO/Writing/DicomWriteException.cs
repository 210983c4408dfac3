namespace StudyEdc.Dicom.IO.Writing;

/// <summary>A dataset that cannot be written in the requested encoding; the message names the element and the fix.</summary>
public sealed class DicomWriteException : Exception
{
    public DicomWriteException()
        : this("The DICOM dataset could not be written.")
    {
    }

    public DicomWriteException(string message)
        : base(message)
    {
    }

    public DicomWriteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
