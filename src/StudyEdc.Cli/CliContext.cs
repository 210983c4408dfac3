namespace StudyEdc.Cli;

/// <summary>
/// Output streams for the command actions, so tests can run a command in process and read what it printed.
/// </summary>
public sealed record CliContext(TextWriter Out, TextWriter Error)
{
    public static CliContext Console { get; } = new(System.Console.Out, System.Console.Error);
}
