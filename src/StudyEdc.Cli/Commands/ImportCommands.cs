using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;

namespace StudyEdc.Cli.Commands;

/// <summary>
/// `studyedc import`: bulk import of a folder of exams, one sub-folder per participant named by its Study ID
/// (for example WCH-0001). Each exam goes through the ingest service of the upload page, so it is checked,
/// de-identified with the site's key, stored content-addressed and audited under the named user. Exit code 0
/// when every exam was stored or already stored, 1 when a participant or series was rejected, 2 when the
/// options or database are wrong.
/// </summary>
internal static class ImportCommands
{
    private static readonly CommandText Text = new(typeof(ImportCommands));

    public const int ExitSuccess = 0;
    public const int ExitRejected = 1;
    public const int ExitError = 2;

    public static Command Create(CliContext context)
    {
        var folder = new Option<DirectoryInfo>("--folder")
        {
            Description = "Folder with one sub-folder of DICOM files (or nested folders) per participant, named by Study ID",
            Required = true,
        };
        var user = new Option<string>("--user")
        {
            Description = "User name of an active site coordinator, principal investigator or administrator; the audit trail records it",
            Required = true,
        };
        var dataDirectory = new Option<string?>("--data-directory")
        {
            Description = "Storage:DataDirectory of the web app: images are stored under it, and the SQLite database lives in it; default ./data",
        };
        var connection = new Option<string?>("--connection")
        {
            Description = "Connection string of the StudyEdc database when it is not the SQLite file in the data directory",
        };
        var provider = new Option<string?>("--provider") { Description = "Database provider: Sqlite (default), SqlServer or PostgreSql" };
        var confirm = new Option<bool>("--confirm-phases")
        {
            Description = "Confirm AP and PVP from the phase hints when exactly one series suggests each; the inference job is then queued",
        };

        var command = new Command("import", "Import a folder of CT exams, one sub-folder per participant")
        {
            folder, user, dataDirectory, connection, provider, confirm,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            new ImportRequest(parseResult.GetValue(folder)!, parseResult.GetValue(user)!, parseResult.GetValue(dataDirectory),
                parseResult.GetValue(connection), parseResult.GetValue(provider), parseResult.GetValue(confirm)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ImportRequest request, CancellationToken cancellationToken)
    {
        if (!request.Folder.Exists)
        {
            await context.Error.WriteLineAsync(Text.Format("FolderNotFound", request.Folder.FullName)).ConfigureAwait(false);
            return ExitError;
        }

        var settings = new Dictionary<string, string?>
        {
            [StudyDatabase.DataDirectoryKey] = Path.GetFullPath(request.DataDirectory ?? StudyDatabase.DefaultDataDirectory),
            [StudyDatabase.ProviderKey] = request.Provider ?? nameof(DatabaseProvider.Sqlite),
            ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = request.Connection ?? "",
        };
        if (request.Connection is null && !File.Exists(Path.Combine(settings[StudyDatabase.DataDirectoryKey]!, StudyDatabase.SqliteFileName)))
        {
            await context.Error.WriteLineAsync(Text.Format("NoDatabase", settings[StudyDatabase.DataDirectoryKey])).ConfigureAwait(false);
            return ExitError;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddStudyEdcCore(configuration).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var caller = await FindCallerAsync(services, request.User, cancellationToken).ConfigureAwait(false);
            if (caller is null)
            {
                await context.Error.WriteLineAsync(Text.Format("UserNotFound", request.User)).ConfigureAwait(false);
                return ExitError;
            }

            var exitCode = ExitSuccess;
            foreach (var examFolder in request.Folder.EnumerateDirectories().OrderBy(d => d.Name, StringComparer.Ordinal))
            {
                var imported = await ImportExamAsync(context, services, caller, examFolder, request.ConfirmPhases, cancellationToken).ConfigureAwait(false);
                exitCode = Math.Max(exitCode, imported ? ExitSuccess : ExitRejected);
            }

            return exitCode;
        }
    }

    private static async Task<StudyCaller?> FindCallerAsync(IServiceProvider services, string userName, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var normalized = userName.ToUpperInvariant();
            var userId = await scope.ServiceProvider.GetRequiredService<StudyDbContext>().Users
                .Where(u => u.NormalizedUserName == normalized).Select(u => u.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            return userId is null ? null : await scope.ServiceProvider.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(userId, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Imports one participant's folder and prints the outcome; returns false when anything was rejected.</summary>
    private static async Task<bool> ImportExamAsync(CliContext context, IServiceProvider services, StudyCaller caller, DirectoryInfo examFolder,
        bool confirmPhases, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<StudyDbContext>();
            var studyId = examFolder.Name;
            var participantId = await db.Participants.Where(p => p.StudyId == studyId).Select(p => (int?)p.Id)
                .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (participantId is null)
            {
                await context.Error.WriteLineAsync(Text.Format("NoParticipant", studyId)).ConfigureAwait(false);
                return false;
            }

            var imaging = scope.ServiceProvider.GetRequiredService<IImagingService>();
            var result = await imaging.IngestAsync(caller, participantId.Value, examFolder.FullName, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                await context.Error.WriteLineAsync($"{studyId}: {FailureReason(result, caller)}").ConfigureAwait(false);
                return false;
            }

            var report = result.Value!;
            int Count(IngestOutcome outcome) => report.Series.Count(s => s.Outcome == outcome);
            await context.Out.WriteLineAsync(Text.Format("SeriesCounts", studyId, Count(IngestOutcome.Stored), Count(IngestOutcome.Duplicate),
                Count(IngestOutcome.Rejected))).ConfigureAwait(false);
            foreach (var series in report.Series.Where(s => s.Outcome == IngestOutcome.Rejected))
            {
                await context.Out.WriteLineAsync($"  {series.Message}").ConfigureAwait(false);
            }

            // A rejected file (not DICOM, unreadable) makes the exit code 1, so its message is printed too.
            foreach (var file in report.Files.Where(f => f.Outcome == IngestOutcome.Rejected))
            {
                await context.Out.WriteLineAsync($"  {file.Message ?? file.FileName}").ConfigureAwait(false);
            }

            if (confirmPhases)
            {
                await ConfirmFromHintsAsync(context, imaging, caller, studyId, participantId.Value, cancellationToken).ConfigureAwait(false);
            }

            return report.Series.All(s => s.Outcome != IngestOutcome.Rejected) && report.Files.All(f => f.Outcome != IngestOutcome.Rejected);
        }
    }

    /// <summary>Returns why the ingest service rejected a folder: its messages, or for a participant outside the user's scope, the user and the fix.</summary>
    private static string FailureReason(ServiceResult<ImagingUploadReport> result, StudyCaller caller) => result switch
    {
        { Errors.Count: > 0 } => string.Join(" ", result.Errors.Select(e => e.Message)),
        { Failure: ServiceFailure.NotFound } =>
Text.Format("OutOfScope", caller.UserName),
        _ => Text.Format("NotImported", result.Failure),
    };

    private static async Task ConfirmFromHintsAsync(CliContext context, IImagingService imaging, StudyCaller caller, string studyId, int participantId, CancellationToken cancellationToken)
    {
        var exam = await imaging.GetExamAsync(caller, participantId, cancellationToken).ConfigureAwait(false);
        var arterial = exam?.Series.Where(s => s.PhaseHint == "Arterial").ToList() ?? [];
        var portalVenous = exam?.Series.Where(s => s.PhaseHint == "PortalVenous").ToList() ?? [];
        if (exam is null || arterial.Count != 1 || portalVenous.Count != 1)
        {
            await context.Out.WriteLineAsync(Text.Format("PhasesNotConfirmedHints", arterial.Count, portalVenous.Count)).ConfigureAwait(false);
            return;
        }

        var confirmed = await imaging.ConfirmPhasesAsync(caller, participantId, arterial[0].Id, portalVenous[0].Id, exam.Version, cancellationToken).ConfigureAwait(false);
        await context.Out.WriteLineAsync(confirmed.Succeeded
            ? Text.Get("PhasesConfirmed")
            : Text.Format("PhasesNotConfirmed", string.Join(" ", confirmed.Errors.Select(e => e.Message)))).ConfigureAwait(false);
    }

    private sealed record ImportRequest(DirectoryInfo Folder, string User, string? DataDirectory, string? Connection, string? Provider, bool ConfirmPhases);
}
