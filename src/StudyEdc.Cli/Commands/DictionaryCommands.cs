using System.CommandLine;
using System.Text;
using StudyEdc.Core.DataDictionary;
using StudyEdc.Core.Forms;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc dictionary export --format csv|md --out PATH`: writes the data dictionary generated from the CRF field
/// declarations. Exit code 0 on success, 2 for a bad option or a file that cannot be written.
/// </summary>
internal static class DictionaryCommands
{
    private static readonly CommandText Text = new(typeof(DictionaryCommands));

    public const int ExitWritten = 0;
    public const int ExitError = 2;

    public static Command Create(CliContext context)
    {
        var formatOption = new Option<string>("--format")
        {
            Description = "csv (RFC 4180, UTF-8 with a byte order mark so spreadsheet programs show Chinese labels) or md (Markdown).",
            Required = true,
        };
        var outOption = new Option<string>("--out")
        {
            Description = "File to write; an existing file is replaced. Folders in the path must exist.",
            Required = true,
        };

        var export = new Command("export", "Write every CRF field's name, zh-CN and English label, type, unit, allowed values and rules.")
        {
            formatOption,
            outOption,
        };
        export.SetAction((parseResult, cancellationToken) => ExportAsync(
            context, parseResult.GetValue(formatOption)!, parseResult.GetValue(outOption)!, cancellationToken));

        return new Command("dictionary", "Data dictionary of the study CRFs.") { export };
    }

    private static async Task<int> ExportAsync(CliContext context, string format, string path, CancellationToken cancellationToken)
    {
        // Render in memory, then write the file in one step.
        var text = new StringWriter { NewLine = "\n" };
        Encoding encoding;
        switch (format.Trim().ToLowerInvariant())
        {
            case "csv":
                DataDictionaryWriter.WriteCsv(text, CrfForms.All);
                encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);
                break;
            case "md":
                DataDictionaryWriter.WriteMarkdown(text, CrfForms.All);
                encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
                break;
            default:
                await context.Error.WriteLineAsync(Text.Format("UnknownFormat", format)).ConfigureAwait(false);
                return ExitError;
        }

        try
        {
            await File.WriteAllTextAsync(path, text.ToString(), encoding, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync(Text.Format("CannotWrite", Path.GetFullPath(path), exception.Message)).ConfigureAwait(false);
            return ExitError;
        }

        var fields = CrfForms.All.Sum(f => f.Fields.Count);
        await context.Out.WriteLineAsync(Text.Format("Written", fields, CrfForms.All.Count, Path.GetFullPath(path))).ConfigureAwait(false);
        return ExitWritten;
    }
}
