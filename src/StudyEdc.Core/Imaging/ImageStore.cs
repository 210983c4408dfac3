using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Imaging;

/// <summary>A file in the image store: its SHA-256 and whether identical bytes were already stored.</summary>
public sealed record StoredImage(string Sha256, long SizeBytes, bool AlreadyStored);

/// <summary>
/// Content-addressed storage of de-identified DICOM files under <c>{Storage:DataDirectory}/images/sha256/ab/cd/{hash}.dcm</c>,
/// where ab and cd are the first two byte pairs of the hash. Identical bytes are stored once. Files are written to
/// a temporary name and renamed, so a reader never sees a partial file.
/// </summary>
public sealed class ImageStore
{
    public ImageStore(IConfiguration configuration)
        : this(Path.Combine(StudyDatabase.ResolveDataDirectory(configuration), "images", "sha256"))
    {
    }

    internal ImageStore(string rootDirectory)
    {
        RootDirectory = rootDirectory;
    }

    public string RootDirectory { get; }

    /// <summary>Returns the path of the file with <paramref name="sha256"/> (lower-case hexadecimal, 64 digits).</summary>
    public string PathFor(string sha256)
    {
        if (sha256 is not { Length: 64 } || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException($"'{sha256}' is not a lower-case hexadecimal SHA-256.", nameof(sha256));
        }

        return Path.Combine(RootDirectory, sha256[..2], sha256[2..4], sha256 + ".dcm");
    }

    /// <summary>Deletes the file with <paramref name="sha256"/>; a file that is not there is not an error.</summary>
    public void Delete(string sha256) => File.Delete(PathFor(sha256));

    /// <summary>Stores <paramref name="bytes"/> unless a file with the same hash is already stored.</summary>
    public async Task<StoredImage> StoreAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span));
        var path = PathFor(sha256);
        if (File.Exists(path))
        {
            return new StoredImage(sha256, bytes.Length, AlreadyStored: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another upload stored the same bytes in the meantime; the content is identical.
            File.Delete(temporary);
            return new StoredImage(sha256, bytes.Length, AlreadyStored: true);
        }

        return new StoredImage(sha256, bytes.Length, AlreadyStored: false);
    }
}
