using Microsoft.EntityFrameworkCore.Design;
using StudyEdc.Core.Data;

namespace StudyEdc.Migrations.PostgreSql;

/// <summary>
/// Lets `dotnet ef` build a PostgreSql-configured <see cref="StudyDbContext"/> for this migrations assembly. Adding a
/// migration never connects; `dotnet ef database update` would use this placeholder connection string unless
/// --connection gives another.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<StudyDbContext>
{
    public StudyDbContext CreateDbContext(string[] args) =>
        new(StudyDatabase.CreateOptions(DatabaseProvider.PostgreSql, "Host=localhost;Database=studyedc;Username=studyedc"));
}
