using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Tests;

public sealed class StudyDatabaseTests
{
    [Fact]
    public void Missing_provider_means_sqlite()
    {
        var configuration = new ConfigurationBuilder().Build();

        Assert.Equal(DatabaseProvider.Sqlite, StudyDatabase.ReadProvider(configuration));
    }

    [Fact]
    public void Unknown_provider_error_names_value_and_choices()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => StudyDatabase.ParseProvider("MySql"));

        Assert.Equal("Database provider 'MySql' is not supported. Set Database:Provider to Sqlite, SqlServer or PostgreSql.", exception.Message);
    }

    [Fact]
    public void Sqlite_default_lives_in_the_data_directory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "studyedc-config-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [StudyDatabase.DataDirectoryKey] = directory })
            .Build();

        var connectionString = StudyDatabase.ResolveConnectionString(configuration, DatabaseProvider.Sqlite);

        Assert.Equal($"Data Source={Path.Combine(directory, "studyedc.db")}", connectionString);
        Assert.True(Directory.Exists(directory));
        Directory.Delete(directory);
    }

    [Fact]
    public void PostgreSql_without_connection_string_is_an_error()
    {
        var configuration = new ConfigurationBuilder().Build();

        var exception = Assert.Throws<InvalidOperationException>(() => StudyDatabase.ResolveConnectionString(configuration, DatabaseProvider.PostgreSql));

        Assert.Contains("ConnectionStrings__StudyEdc", exception.Message, StringComparison.Ordinal);
    }
}
