using System.Globalization;
using Npgsql;

namespace StudyEdc.Benchmarks;

/// <summary>A PostgreSQL database of its own for one load-test run: the host's migrations create it, and it is dropped afterwards.</summary>
internal sealed class LoadTestPostgres(string serverConnectionString, string databaseName)
{
    public string ConnectionString { get; } = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = databaseName }.ConnectionString;

    public static LoadTestPostgres Create(string serverConnectionString) =>
        new(serverConnectionString, string.Create(CultureInfo.InvariantCulture, $"studyedc_load_{Guid.NewGuid():N}"));

    public async Task DropAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(serverConnectionString);
        await server.OpenAsync();
        await using var drop = server.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }
}
