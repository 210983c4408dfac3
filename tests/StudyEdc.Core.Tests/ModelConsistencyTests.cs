using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Tests;

/// <summary>
/// The three providers' migrations must all match the one model. No database is needed: the model differ
/// compares the model with each migrations assembly's snapshot.
/// </summary>
public sealed class ModelConsistencyTests
{
    // Placeholder connection strings: nothing here connects.
    public static TheoryData<DatabaseProvider, string> Providers => new()
    {
        { DatabaseProvider.Sqlite, "Data Source=unused.db" },
        { DatabaseProvider.SqlServer, "Server=localhost;Database=StudyEdc;Trusted_Connection=True;TrustServerCertificate=True" },
        { DatabaseProvider.PostgreSql, "Host=localhost;Database=studyedc;Username=studyedc" },
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_cover_the_model(DatabaseProvider provider, string connectionString)
    {
        using var context = new StudyDbContext(StudyDatabase.CreateOptions(provider, connectionString));

        var pending = context.Database.HasPendingModelChanges();

        Assert.False(pending,
            $"The {provider} migrations lack a model change. Add a migration for every provider with the commands in StudyDbContext's remarks.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_exist_for_each_provider(DatabaseProvider provider, string connectionString)
    {
        using var context = new StudyDbContext(StudyDatabase.CreateOptions(provider, connectionString));

        var migrations = context.Database.GetMigrations().ToList();

        Assert.NotEmpty(migrations);
    }

    [Fact]
    public void Pending_check_detects_a_model_change_missing_from_migrations()
    {
        var builder = new DbContextOptionsBuilder<StudyDbContext>();
        StudyDatabase.Configure(builder, DatabaseProvider.Sqlite, "Data Source=unused.db");
        builder.ReplaceService<IModelCustomizer, ExtraColumnModelCustomizer>();
        using var context = new StudyDbContext(builder.Options);

        var pending = context.Database.HasPendingModelChanges();

        Assert.True(pending);
    }

    [Fact]
    public void SqlServer_idempotent_script_creates_the_study_tables()
    {
        using var context = new StudyDbContext(StudyDatabase.CreateOptions(DatabaseProvider.SqlServer,
            "Server=localhost;Database=StudyEdc;Trusted_Connection=True;TrustServerCertificate=True"));
        var migrator = context.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [Sites]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Participants]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AuditEntries]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AuditChainHead]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [FormDrafts]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
    }

    /// <summary>Adds a column that no migration has, standing in for a forgotten `migrations add`.</summary>
    private sealed class ExtraColumnModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Core.Sites.Site>().Property<string>("ForgottenColumn");
        }
    }
}
