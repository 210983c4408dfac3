using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using StudyEdc.Core.Data;

namespace StudyEdc.Core.Imaging;

/// <summary>
/// Supplies each site's de-identification key: <c>Imaging:SiteKeys:{SiteCode}</c> (Base64, at least 32 bytes) when
/// configured, otherwise a random key generated on first use and stored protected by data protection. The key
/// never leaves the server and is never logged.
/// </summary>
public sealed class ImagingSiteKeyProvider(StudyDbContext db, IDataProtectionProvider dataProtection, IConfiguration configuration, TimeProvider clock)
{
    public const string ConfigurationSection = "Imaging:SiteKeys";
    private const int KeyLength = 32;
    private const string ProtectorPurpose = "StudyEdc.Imaging.SiteKey.v1";

    public async Task<byte[]> GetKeyAsync(int siteId, string siteCode, CancellationToken cancellationToken)
    {
        var configured = configuration[$"{ConfigurationSection}:{siteCode}"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return ParseConfiguredKey(configured, siteCode);
        }

        var protector = dataProtection.CreateProtector(ProtectorPurpose);
        var stored = await db.Set<ImagingSiteKey>().AsNoTracking().SingleOrDefaultAsync(k => k.SiteId == siteId, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            return protector.Unprotect(Convert.FromBase64String(stored.ProtectedKey));
        }

        var key = RandomNumberGenerator.GetBytes(KeyLength);
        db.Set<ImagingSiteKey>().Add(new ImagingSiteKey
        {
            SiteId = siteId,
            ProtectedKey = Convert.ToBase64String(protector.Protect(key)),
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return key;
        }
        catch (DbUpdateException)
        {
            // Another instance created the key first; use that one.
            db.ChangeTracker.Clear();
            stored = await db.Set<ImagingSiteKey>().AsNoTracking().SingleAsync(k => k.SiteId == siteId, cancellationToken).ConfigureAwait(false);
            return protector.Unprotect(Convert.FromBase64String(stored.ProtectedKey));
        }
    }

    private static byte[] ParseConfiguredKey(string configured, string siteCode)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(configured.Trim());
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"{ConfigurationSection}:{siteCode} is not valid Base64; set a Base64 key of at least {KeyLength} random bytes.", exception);
        }

        return key.Length >= KeyLength
            ? key
            : throw new InvalidOperationException($"{ConfigurationSection}:{siteCode} is shorter than {KeyLength} bytes; set a Base64 key of at least {KeyLength} random bytes.");
    }
}
