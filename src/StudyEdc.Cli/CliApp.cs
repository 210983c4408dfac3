using System.CommandLine;
using StudyEdc.Cli.Commands;

namespace StudyEdc.Cli;

/// <summary>
/// Builds the `studyedc` command tree. Each command group lives in its own file under Commands/.
/// </summary>
public static class CliApp
{
    public static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand("studyedc: tools for StudyEdc data managers and statisticians");
        foreach (var group in CommandGroups.Create(context))
        {
            root.Subcommands.Add(group);
        }

        return root;
    }

    /// <summary>Parses and runs one command line; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(context);
        var configuration = new InvocationConfiguration { Output = context.Out, Error = context.Error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }
}
