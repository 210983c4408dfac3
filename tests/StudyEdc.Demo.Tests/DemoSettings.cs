using System.Text.Json.Nodes;
using StudyEdc.Core.Data;
using StudyEdc.Demo;
using StudyEdc.TestSupport;

namespace StudyEdc.Demo.Tests;

/// <summary>Settings of a small demo study for tests: the repository's sites, a fixed password and few participants.</summary>
internal static class DemoSettings
{
    public const string Password = "Demo-Test-Pa55word!";

    public const string BootstrapPassword = "Demo-Bootstrap-Pa55word!";

    /// <summary>Configuration keys and values for the seed, on top of the repository's appsettings.json.</summary>
    public static Dictionary<string, string?> Values(string dataDirectory, int participantsPerSite, int examsPerSite) => new()
    {
        [StudyDatabase.DataDirectoryKey] = dataDirectory,
        [StudyDatabase.ProviderKey] = nameof(DatabaseProvider.Sqlite),
        ["ConnectionStrings:" + StudyDatabase.ConnectionStringName] = "",
        [StudyDatabaseInitializer.BootstrapPasswordKey] = BootstrapPassword,
        [$"{DemoOptions.SectionName}:{nameof(DemoOptions.Password)}"] = Password,
        [$"{DemoOptions.SectionName}:{nameof(DemoOptions.ParticipantsPerSite)}"] = participantsPerSite.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"{DemoOptions.SectionName}:{nameof(DemoOptions.ExamsPerSite)}"] = examsPerSite.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Writes the repository's appsettings.json with <paramref name="values"/> merged in, for `studyedc demo seed --settings`.</summary>
    public static string WriteSettingsFile(string folder, IReadOnlyDictionary<string, string?> values)
    {
        var root = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "appsettings.json")))!.AsObject();
        foreach (var (key, value) in values)
        {
            var node = root;
            var parts = key.Split(':');
            foreach (var part in parts[..^1])
            {
                node = (node[part] ??= new JsonObject()).AsObject();
            }

            node[parts[^1]] = value;
        }

        var path = Path.Combine(folder, "appsettings.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }
}
