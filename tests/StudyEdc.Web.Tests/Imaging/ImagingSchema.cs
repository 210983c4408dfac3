using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using StudyEdc.Core.Data;

namespace StudyEdc.Web.Tests.Imaging;

/// <summary>
/// Creates the SQLite database of a test host from the current model and marks every migration applied, so the
/// host's start-up migration finds nothing to do. The imaging tables are in the model before a migration adds
/// them; once the migrations include them this changes nothing.
/// </summary>
internal static class ImagingSchema
{
    public static void IgnorePendingModelChanges(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    public static async Task CreateAsync(string dataDirectory)
    {
        var builder = new DbContextOptionsBuilder<StudyDbContext>();
        StudyDatabase.Configure(builder, DatabaseProvider.Sqlite, StudyDatabase.SqliteConnectionStringFor(dataDirectory));
        IgnorePendingModelChanges(builder);
        await using var db = new StudyDbContext(builder.Options);
        await db.Database.EnsureCreatedAsync();

        var history = db.GetService<IHistoryRepository>();
        var productVersion = typeof(DbContext).Assembly.GetName().Version!.ToString(3);
        await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript());
        foreach (var migration in db.Database.GetMigrations())
        {
            await db.Database.ExecuteSqlRawAsync(history.GetInsertScript(new HistoryRow(migration, productVersion)));
        }
    }
}
