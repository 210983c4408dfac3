using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Cli.Commands;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Imaging;
using StudyEdc.Core.Participants;
using StudyEdc.TestSupport;

namespace StudyEdc.Cli.Tests;

/// <summary>
/// `studyedc import` against a SQLite data directory initialized like the web app's first start, with a site
/// coordinator and one participant at WCH, importing the phantom exam (AP and PVP) from a folder named by Study ID.
/// </summary>
public sealed class ImportCommandTests : IAsyncLifetime
{
    private const string BootstrapPassword = "Test-Bootstrap-Pa55word!";
    private const string SiteCode = "WCH";
    private const string CoordinatorUserName = "coordinator-wch";
    private const string OtherSiteCode = "HPH";
    private const string OtherSiteUserName = "coordinator-hph";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("studyedc-cli-import-");
    private ServiceProvider _services = null!;
    private StudyCaller _coordinator = null!;
    private ParticipantDetail _participant = null!;

    private string DataDirectory => Path.Combine(_root.FullName, "data");

    private string ExamsFolder => Path.Combine(_root.FullName, "exams");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        Directory.CreateDirectory(ExamsFolder);
        _services = BuildServices();
        await StudyDatabaseInitializer.InitializeAsync(_services, TextWriter.Null, TestContext.Current.CancellationToken);

        var siteId = await SiteIdAsync(SiteCode);
        await CreateUserAsync(CoordinatorUserName, StudyRoles.SiteCoordinator, SiteCode);
        _coordinator = await CallerAsync(CoordinatorUserName);

        var enrolled = await WithScopeAsync(sp => sp.GetRequiredService<IParticipantService>().CreateAsync(_coordinator, siteId, NewParticipant(), TestContext.Current.CancellationToken));
        Assert.True(enrolled.Succeeded, "Enrolment failed: " + string.Join("; ", enrolled.Errors.Select(e => e.Message)));
        _participant = enrolled.Value!;
    }

    [Fact]
    public async Task Import_of_a_known_participant_exits_zero()
    {
        CopyPhantomExam(_participant.StudyId);

        var run = await ImportAsync(CoordinatorUserName);

        Assert.Equal(ImportCommands.ExitSuccess, run.ExitCode);
    }

    [Fact]
    public async Task Import_stores_the_arterial_and_portal_venous_series()
    {
        CopyPhantomExam(_participant.StudyId);

        await ImportAsync(CoordinatorUserName);

        var exam = await ExamAsync();
        Assert.NotNull(exam);
        Assert.Equal(PhantomSeriesCount(), exam.Series.Count);
    }

    [Fact]
    public async Task Import_reports_stored_series_count()
    {
        CopyPhantomExam(_participant.StudyId);

        var run = await ImportAsync(CoordinatorUserName);

        Assert.Contains($"{_participant.StudyId}: series {PhantomSeriesCount()} stored, 0 duplicate, 0 rejected", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_audits_the_named_user()
    {
        CopyPhantomExam(_participant.StudyId);

        await ImportAsync(CoordinatorUserName);

        var seriesEntries = await WithScopeAsync(sp => sp.GetRequiredService<StudyDbContext>().AuditEntries
            .CountAsync(e => e.UserName == CoordinatorUserName && e.EntityType == ImagingAuditEntityTypes.Series, TestContext.Current.CancellationToken));
        Assert.True(seriesEntries > 0, "No audit entry for a series names the importing user.");
    }

    [Fact]
    public async Task Second_import_reports_the_series_as_duplicates()
    {
        CopyPhantomExam(_participant.StudyId);
        await ImportAsync(CoordinatorUserName);

        var run = await ImportAsync(CoordinatorUserName);

        Assert.Equal(ImportCommands.ExitSuccess, run.ExitCode);
        Assert.Contains($"{_participant.StudyId}: series 0 stored, {PhantomSeriesCount()} duplicate, 0 rejected", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_import_stores_nothing_twice()
    {
        CopyPhantomExam(_participant.StudyId);
        await ImportAsync(CoordinatorUserName);
        var seriesBefore = await CountAsync<ImagingSeries>();
        var examsBefore = await CountAsync<ImagingExam>();

        await ImportAsync(CoordinatorUserName);

        Assert.Equal(seriesBefore, await CountAsync<ImagingSeries>());
        Assert.Equal(examsBefore, await CountAsync<ImagingExam>());
    }

    [Fact]
    public async Task Unknown_study_id_is_reported()
    {
        CopyPhantomExam("WCH-9999");

        var run = await ImportAsync(CoordinatorUserName);

        Assert.Equal(ImportCommands.ExitRejected, run.ExitCode);
        Assert.Contains("WCH-9999: no participant has this Study ID", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_study_id_does_not_stop_others()
    {
        CopyPhantomExam("WCH-9999");
        CopyPhantomExam(_participant.StudyId);

        await ImportAsync(CoordinatorUserName);

        var exam = await ExamAsync();
        Assert.NotNull(exam);
    }

    [Fact]
    public async Task Non_dicom_file_is_reported()
    {
        CopyPhantomExam(_participant.StudyId);
        File.Copy(RepositoryPaths.TestData("phantom", "exam-01", "truth.json"), Path.Combine(ExamsFolder, _participant.StudyId, "truth.json"));

        var run = await ImportAsync(CoordinatorUserName);

        Assert.Equal(ImportCommands.ExitRejected, run.ExitCode);
        Assert.Contains("truth.json", run.AllOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_site_participant_is_rejected()
    {
        await CreateUserAsync(OtherSiteUserName, StudyRoles.SiteCoordinator, OtherSiteCode);
        CopyPhantomExam(_participant.StudyId);

        var run = await ImportAsync(OtherSiteUserName);

        Assert.Equal(ImportCommands.ExitRejected, run.ExitCode);
        Assert.Contains($"{_participant.StudyId}: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(OtherSiteUserName, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_phases_confirms_exam_phases()
    {
        CopyPhantomExam(_participant.StudyId);

        await CliRunner.RunAsync("import", "--folder", ExamsFolder, "--user", CoordinatorUserName, "--data-directory", DataDirectory, "--confirm-phases");

        var exam = await ExamAsync();
        Assert.NotNull(exam);
        Assert.True(exam.PhasesConfirmed, "The phases were not confirmed.");
    }

    [Fact]
    public async Task Unknown_user_exits_two_and_names_the_user()
    {
        CopyPhantomExam(_participant.StudyId);

        var run = await ImportAsync("nobody-here");

        Assert.Equal(ImportCommands.ExitError, run.ExitCode);
        Assert.Contains("'nobody-here' was not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_user_stores_nothing()
    {
        CopyPhantomExam(_participant.StudyId);

        await ImportAsync("nobody-here");

        Assert.Equal(0, await CountAsync<ImagingSeries>());
    }

    [Fact]
    public async Task Missing_database_names_data_directory()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root.FullName, "empty"));

        var run = await CliRunner.RunAsync("import", "--folder", ExamsFolder, "--user", CoordinatorUserName, "--data-directory", empty.FullName);

        Assert.Equal(ImportCommands.ExitError, run.ExitCode);
        Assert.Contains(empty.FullName, run.Error, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
    }

    /// <summary>Only the demographics: enrolment accepts an incomplete CRF, and images can be uploaded to it.</summary>
    private static ParticipantInput NewParticipant() => new() { Age = 56, Sex = Sex.Female, CtExamDate = new DateOnly(2024, 3, 18) };

    private static string[] PhantomSeriesFolders => ["AP", "PVP"];

    private static int PhantomSeriesCount() => PhantomSeriesFolders.Length;

    /// <summary>Copies the phantom exam's DICOM series (not its truth.json) into a sub-folder named <paramref name="studyId"/>.</summary>
    private void CopyPhantomExam(string studyId)
    {
        foreach (var series in PhantomSeriesFolders)
        {
            var target = Directory.CreateDirectory(Path.Combine(ExamsFolder, studyId, series));
            foreach (var file in Directory.EnumerateFiles(RepositoryPaths.TestData("phantom", "exam-01", series)))
            {
                File.Copy(file, Path.Combine(target.FullName, Path.GetFileName(file)));
            }
        }
    }

    private Task<CliRun> ImportAsync(string userName) =>
        CliRunner.RunAsync("import", "--folder", ExamsFolder, "--user", userName, "--data-directory", DataDirectory);

    private Task<ImagingExamDetail?> ExamAsync() =>
        WithScopeAsync(sp => sp.GetRequiredService<IImagingService>().GetExamAsync(_coordinator, _participant.Id, TestContext.Current.CancellationToken));

    private Task<int> CountAsync<TEntity>()
        where TEntity : class =>
        WithScopeAsync(sp => sp.GetRequiredService<StudyDbContext>().Set<TEntity>().CountAsync(TestContext.Current.CancellationToken));

    private Task<int> SiteIdAsync(string code) =>
        WithScopeAsync(sp => sp.GetRequiredService<StudyDbContext>().Sites.Where(s => s.Code == code).Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken));

    /// <summary>Creates an active user as the bootstrap administrator, through the user administration service.</summary>
    private async Task CreateUserAsync(string userName, string role, string siteCode)
    {
        var administrator = await CallerAsync(StudyDatabaseInitializer.BootstrapAdminUserName);
        var siteId = await SiteIdAsync(siteCode);
        var created = await WithScopeAsync(sp => sp.GetRequiredService<IUserAdministrationService>().CreateAsync(
            administrator, new NewUserInput(userName, userName, null, role, siteId), TestContext.Current.CancellationToken));
        Assert.True(created.Succeeded, $"Creating {userName} failed: " + string.Join("; ", created.Errors.Select(e => e.Message)));
    }

    private async Task<StudyCaller> CallerAsync(string userName)
    {
        var normalized = userName.ToUpperInvariant();
        return await WithScopeAsync(async sp =>
        {
            var userId = await sp.GetRequiredService<StudyDbContext>().Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.Id)
                .SingleAsync(TestContext.Current.CancellationToken);
            return await sp.GetRequiredService<StudyCallerFactory>().FromUserIdAsync(userId, TestContext.Current.CancellationToken)
                ?? throw new InvalidOperationException($"User {userName} is not active.");
        });
    }

    private async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Builds the web host's services over the data directory: Identity stores, the bootstrap password and two sites.</summary>
    private ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [StudyDatabase.DataDirectoryKey] = DataDirectory,
                [StudyDatabaseInitializer.BootstrapPasswordKey] = BootstrapPassword,
                ["Study:Sites:0:Code"] = SiteCode,
                ["Study:Sites:0:NameZh"] = "四川大学华西医院",
                ["Study:Sites:0:NameEn"] = "West China Hospital of Sichuan University",
                ["Study:Sites:0:TimeZoneId"] = "Asia/Shanghai",
                ["Study:Sites:0:EnrolmentTarget"] = "1600",
                ["Study:Sites:1:Code"] = OtherSiteCode,
                ["Study:Sites:1:NameZh"] = "河南省人民医院",
                ["Study:Sites:1:NameEn"] = "Henan Provincial People's Hospital",
                ["Study:Sites:1:TimeZoneId"] = "Asia/Shanghai",
                ["Study:Sites:1:EnrolmentTarget"] = "800",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddIdentityCore<StudyUser>(StudyIdentityOptions.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<StudyDbContext>();
        services.AddStudyEdcCore(configuration);
        return services.BuildServiceProvider();
    }
}
