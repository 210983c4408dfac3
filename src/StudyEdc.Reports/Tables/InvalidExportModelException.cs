namespace StudyEdc.Reports.Tables;

/// <summary>An export model that cannot be written: a bad name, a cell of the wrong type, an unknown code.</summary>
public sealed class InvalidExportModelException : Exception
{
    public InvalidExportModelException()
    {
    }

    public InvalidExportModelException(string message)
        : base(message)
    {
    }

    public InvalidExportModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
