namespace StudyEdc.Demo;

/// <summary>A Core service rejected a step of the demo seed: the demo data no longer satisfies the study's rules.</summary>
public sealed class DemoSeedException : Exception
{
    public DemoSeedException()
    {
    }

    public DemoSeedException(string message)
        : base(message)
    {
    }

    public DemoSeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
