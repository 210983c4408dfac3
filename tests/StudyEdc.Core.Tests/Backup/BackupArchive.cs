using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using StudyEdc.Core.Backup;

namespace StudyEdc.Core.Tests.Backup;

/// <summary>Alters a backup archive the way an attacker or a disk fault would, for the tamper tests.</summary>
internal static class BackupArchive
{
    /// <summary>
    /// Replaces the database entry with the output of <paramref name="alter"/> (given the extracted file's path).
    /// With <paramref name="updateManifest"/> the manifest's SHA-256 is recomputed too, as an attacker familiar with the
    /// format would do, so only the audit chain can reveal the change.
    /// </summary>
    public static void AlterDatabase(string archivePath, Action<string> alter, bool updateManifest)
    {
        var work = Directory.CreateTempSubdirectory("studyedc-tamper-");
        try
        {
            using var archive = ZipFile.Open(archivePath, ZipArchiveMode.Update);
            var manifest = JsonSerializer.Deserialize<BackupManifest>(ReadEntry(archive, StudyBackup.ManifestEntry))!;
            var dump = Path.Combine(work.FullName, "dump");
            File.WriteAllBytes(dump, ReadEntry(archive, manifest.Database.Path));

            alter(dump);

            var altered = File.ReadAllBytes(dump);
            ReplaceEntry(archive, manifest.Database.Path, altered);
            if (updateManifest)
            {
                var database = manifest.Database with { Length = altered.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(altered)) };
                ReplaceEntry(archive, StudyBackup.ManifestEntry, JsonSerializer.SerializeToUtf8Bytes(manifest with { Database = database }));
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static byte[] ReadEntry(ZipArchive archive, string name)
    {
        using var stream = archive.GetEntry(name)!.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static void ReplaceEntry(ZipArchive archive, string name, byte[] content)
    {
        archive.GetEntry(name)!.Delete();
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(content);
    }
}
