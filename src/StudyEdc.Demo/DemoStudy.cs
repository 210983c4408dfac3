using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Demo.Resources;

namespace StudyEdc.Demo;

/// <summary>What the demo seed created; <see cref="Accounts"/> lists every demo user in creation order.</summary>
public sealed record DemoSeedReport(
    IReadOnlyList<DemoAccount> Accounts,
    int Sites,
    int Participants,
    int Exams,
    int Predictions,
    int Lesions,
    int Queries,
    int Exclusions,
    int Signatures);

/// <summary>
/// The demo study. It fills a fresh, initialized database with users of every role at every site and with
/// participants: phantom AP/PVP exams with the model's detections, lesions with their reference standards,
/// three-radiologist reads and consensus, queries, exclusions, SDV and Principal Investigator signatures. Every
/// record goes through the Core services, so it is validated and audited like data entered in the application.
/// </summary>
public static partial class DemoStudy
{
    /// <summary>The web host's command-line switch that seeds the demo before serving.</summary>
    public const string CommandLineSwitch = "--demo";

    /// <summary>
    /// Returns true when <paramref name="args"/> contain <c>--demo</c> (or <c>--demo=true</c>), and the arguments
    /// without it in <paramref name="hostArgs"/>. The switch must not reach the host's command-line configuration,
    /// which would take the next argument as its value.
    /// </summary>
    public static bool IsRequested(string[] args, out string[] hostArgs)
    {
        ArgumentNullException.ThrowIfNull(args);

        var requested = false;
        var remaining = new List<string>(args.Length);
        foreach (var argument in args)
        {
            if (string.Equals(argument, CommandLineSwitch, StringComparison.OrdinalIgnoreCase)
                || string.Equals(argument, CommandLineSwitch + "=true", StringComparison.OrdinalIgnoreCase))
            {
                requested = true;
            }
            else
            {
                remaining.Add(argument);
            }
        }

        hostArgs = [.. remaining];
        return requested;
    }

    /// <summary>
    /// Seeds the demo study into the database of <paramref name="services"/>, which must be migrated and initialized
    /// (<see cref="StudyDatabaseInitializer"/>). Writes the accounts block and a summary to <paramref name="console"/>.
    /// A database that already contains participants, or one without sites, is left unchanged: the result is then
    /// <see cref="ServiceFailure.Invalid"/> and its localized message is written to <paramref name="console"/> too.
    /// </summary>
    /// <exception cref="DemoSeedException">A Core service rejected a step of the seed.</exception>
    public static async Task<ServiceResult<DemoSeedReport>> SeedAsync(IServiceProvider services, TextWriter console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(console);

        var options = services.GetRequiredService<IConfiguration>().GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        options.Validate();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoStudy).FullName!);
        var session = new DemoSession(services, cancellationToken);

        var refusal = await CheckDatabaseIsFreshAsync(session, logger).ConfigureAwait(false);
        if (refusal is not null)
        {
            await console.WriteLineAsync(refusal.Message).ConfigureAwait(false);
            return ServiceResult<DemoSeedReport>.Fail(ServiceFailure.Invalid, refusal);
        }

        LogSeedStarted(logger, options.ParticipantsPerSite, options.ExamsPerSite);
        var sites = await session.QueryAsync<StudyDbContext, List<(int Id, string Code)>>(async (db, token) =>
                (await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Id, s.Code }).ToListAsync(token).ConfigureAwait(false))
                .Select(s => (s.Id, s.Code)).ToList())
            .ConfigureAwait(false);
        var staff = await DemoAccounts.CreateAsync(session, sites, string.IsNullOrEmpty(options.Password) ? null : options.Password).ConfigureAwait(false);
        var report = await SeedCasebooksAsync(services, session, staff, options).ConfigureAwait(false);

        await WriteAccountsAsync(console, report.Accounts, cancellationToken).ConfigureAwait(false);
        await console.WriteLineAsync(DemoMessages.Format("Seeded", report.Accounts.Count, report.Participants, report.Sites, report.Exams,
            report.Predictions, report.Lesions, report.Queries, report.Exclusions, report.Signatures)).ConfigureAwait(false);
        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
        LogSeedFinished(logger, report.Participants, report.Exams, report.Predictions, report.Accounts.Count);
        return ServiceResult<DemoSeedReport>.Success(report);
    }

    /// <summary>Returns why the database cannot take the demo (participants already enrolled, or no sites), or null when it can.</summary>
    private static async Task<ValidationError?> CheckDatabaseIsFreshAsync(DemoSession session, ILogger logger)
    {
        var participants = await session.QueryAsync<StudyDbContext, int>((db, token) => db.Participants.CountAsync(token)).ConfigureAwait(false);
        if (participants > 0)
        {
            LogRefusedNotEmpty(logger, participants);
            return new ValidationError("", "DatabaseNotEmpty", DemoMessages.Format("DatabaseNotEmpty", participants));
        }

        var sites = await session.QueryAsync<StudyDbContext, int>((db, token) => db.Sites.CountAsync(token)).ConfigureAwait(false);
        if (sites == 0)
        {
            LogRefusedNoSites(logger);
            return new ValidationError("", "NoSites", DemoMessages.Get("NoSites"));
        }

        return null;
    }

    /// <summary>
    /// Enrols every participant and ingests the exams first, runs the queued inference jobs, then writes the rest of
    /// each casebook, so no later detection lands on a signed casebook, and finally locks the analysis plan and
    /// freezes snapshot 1 for the report pages.
    /// </summary>
    private static async Task<DemoSeedReport> SeedCasebooksAsync(IServiceProvider services, DemoSession session, DemoStaff staff, DemoOptions options)
    {
        // Yesterday in UTC is a past date at every site, whatever its time zone, so no date the seed derives lies in the future.
        var today = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var casebooks = new DemoCasebooks(session, staff, today);
        var enrolled = new List<(DemoSiteStaff Site, int ParticipantId, int Number, PhantomLesionLocation? Lesion)>();
        for (var siteIndex = 0; siteIndex < staff.Sites.Count; siteIndex++)
        {
            var site = staff.Sites[siteIndex];
            for (var number = 1; number <= options.ParticipantsPerSite; number++)
            {
                var participantId = await casebooks.EnrolAsync(site, number).ConfigureAwait(false);
                var lesion = number <= options.ExamsPerSite
                    ? await DemoImaging.IngestPhantomExamAsync(session, site.Coordinator, participantId, ((siteIndex + 1) * 100) + number).ConfigureAwait(false)
                    : null;
                enrolled.Add((site, participantId, number, lesion));
            }
        }

        await DemoImaging.DrainInferenceQueueAsync(services, session.CancellationToken).ConfigureAwait(false);
        var predictions = 0;
        foreach (var participant in enrolled.Where(p => p.Lesion is not null))
        {
            predictions += await DemoImaging.CountPredictionsAsync(session, participant.Site.Coordinator, participant.ParticipantId).ConfigureAwait(false);
        }

        foreach (var participant in enrolled)
        {
            await casebooks.CompleteStageAsync(participant.Site, participant.ParticipantId, participant.Number, participant.Lesion).ConfigureAwait(false);
        }

        // Last, so snapshot 1 contains every casebook the demo wrote.
        await DemoAnalysis.LockAndSnapshotAsync(session, staff).ConfigureAwait(false);

        return new DemoSeedReport(staff.Accounts, staff.Sites.Count, enrolled.Count, enrolled.Count(p => p.Lesion is not null), predictions,
            casebooks.Lesions, casebooks.Queries, casebooks.Exclusions, casebooks.Signatures);
    }

    private static async Task WriteAccountsAsync(TextWriter console, IReadOnlyList<DemoAccount> accounts, CancellationToken cancellationToken)
    {
        await console.WriteLineAsync(DemoMessages.Get("AccountsHeader")).ConfigureAwait(false);
        await console.WriteLineAsync(DemoMessages.Format("AccountsAdministrator", StudyDatabaseInitializer.BootstrapAdminUserName)).ConfigureAwait(false);
        if (accounts.All(a => a.Password is null))
        {
            await console.WriteLineAsync(DemoMessages.Get("AccountsConfiguredPassword")).ConfigureAwait(false);
        }

        foreach (var account in accounts)
        {
            var line = string.Create(CultureInfo.InvariantCulture,
                $"  {account.Role,-22} {account.SiteCode ?? "*",-5} {account.UserName,-20} {account.Password}");
            await console.WriteLineAsync(line.TrimEnd()).ConfigureAwait(false);
        }

        await console.WriteLineAsync(DemoMessages.Get("AccountsFooter")).ConfigureAwait(false);
        await console.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Demo seed started: {ParticipantsPerSite} participants and {ExamsPerSite} exams per site")]
    private static partial void LogSeedStarted(ILogger logger, int participantsPerSite, int examsPerSite);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Demo seed finished: {Participants} participants, {Exams} exams, {Predictions} detections, {Users} users")]
    private static partial void LogSeedFinished(ILogger logger, int participants, int exams, int predictions, int users);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning, Message = "Demo seed rejected: the database already holds {Participants} participants")]
    private static partial void LogRefusedNotEmpty(ILogger logger, int participants);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning, Message = "Demo seed rejected: no sites are configured")]
    private static partial void LogRefusedNoSites(ILogger logger);
}
