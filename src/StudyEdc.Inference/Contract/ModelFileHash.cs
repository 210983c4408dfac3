using System.Security.Cryptography;

namespace StudyEdc.Inference.Contract;

/// <summary>SHA-256 of model files, the identity every prediction records.</summary>
public static class ModelFileHash
{
    /// <summary>Computes the SHA-256 of a file as 64 lowercase hex digits.</summary>
    public static async Task<string> ComputeSha256Async(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(hash);
        }
    }
}
