using System.CommandLine;

namespace StudyEdc.Cli.Commands;

/// <summary>The top-level verbs of `studyedc`, one factory per group.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield break;
    }
}
