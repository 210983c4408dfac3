namespace StudyEdc.Core.Tests.Infrastructure;

/// <summary>Gives each test its own fresh SQLite database, created before and deleted after the test.</summary>
public abstract class SqliteTestBase : IAsyncLifetime
{
    private StudyTestDatabase? _database;

    protected StudyTestDatabase Database => _database ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    public async ValueTask InitializeAsync() => _database = await StudyTestDatabase.CreateSqliteAsync();

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
