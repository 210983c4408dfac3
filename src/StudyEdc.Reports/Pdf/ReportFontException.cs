namespace StudyEdc.Reports.Pdf;

/// <summary>The report font is missing or cannot draw Chinese text.</summary>
public sealed class ReportFontException : Exception
{
    public ReportFontException()
    {
    }

    public ReportFontException(string message)
        : base(message)
    {
    }

    public ReportFontException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
