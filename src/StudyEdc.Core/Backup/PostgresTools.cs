using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace StudyEdc.Core.Backup;

/// <summary>
/// Runs Debian's PostgreSQL client programs (package postgresql-client): pg_dump for the backup and psql for the
/// restore. They are looked up on PATH, then under /usr/lib/postgresql/{version}/bin, newest version first,
/// because pg_dump must be at least as new as the server.
/// </summary>
internal static class PostgresTools
{
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>Returns the full path of <paramref name="program"/>.</summary>
    /// <exception cref="BackupException">The program is on neither PATH nor under /usr/lib/postgresql.</exception>
    public static string Find(string program)
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var debianDirectories = Directory.Exists(DebianRoot)
            ? Directory.GetDirectories(DebianRoot)
                .OrderByDescending(directory => int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : -1)
                .Select(directory => Path.Combine(directory, "bin"))
            : [];

        foreach (var directory in pathDirectories.Concat(debianDirectories))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new BackupException(
            $"{program} was not found on PATH or under {DebianRoot}/*/bin. Install Debian's postgresql-client package "
            + "(the same major version as the server or newer).");
    }

    /// <summary>
    /// Runs <paramref name="program"/> with the connection given by libpq environment variables, so the password
    /// never appears on a command line.
    /// </summary>
    /// <exception cref="BackupException">The program exits with a non-zero code; the message contains its standard error.</exception>
    public static async Task RunAsync(string program, IReadOnlyList<string> arguments, string connectionString, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password;

        using var process = Process.Start(start) ?? throw new BackupException($"{program} could not be started.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await output.ConfigureAwait(false);
        var errorText = await error.ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new BackupException(
                $"{program} failed with exit code {process.ExitCode} on database '{connection.Database}' at "
                + $"{connection.Host}:{connection.Port}: {errorText.Trim()}");
        }
    }
}
