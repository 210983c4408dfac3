using System.CommandLine;

namespace StudyEdc.Cli.Commands;

/// <summary>The top-level verbs of `studyedc`, one factory per group.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return AuditCommands.Create(context);
        yield return StatsCommands.Create(context);
        yield return InferCommands.Create(context);
        yield return DicomCommands.Create(context);
        yield return DictionaryCommands.Create(context);
        yield return ImportCommands.Create(context);
        yield return DemoCommands.Create(context);
        yield return BackupCommands.CreateBackup(context);
        yield return BackupCommands.CreateRestore(context);
    }
}
