using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Imaging;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>De-identification keys of sites without a configured key: generated once, stored protected.</summary>
public sealed class ImagingSiteKeyProviderTests : IAsyncLifetime
{
    private ImagingTestDatabase _database = default!;
    private int _siteId;

    public async ValueTask InitializeAsync()
    {
        _database = await ImagingTestDatabase.CreateAsync();
        _siteId = await _database.SiteIdAsync(ImagingTestDatabase.SiteB);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Generated_key_is_reused()
    {
        var first = await _database.Get<ImagingSiteKeyProvider>().GetKeyAsync(_siteId, ImagingTestDatabase.SiteB, TestContext.Current.CancellationToken);

        var second = await _database.Get<ImagingSiteKeyProvider>().GetKeyAsync(_siteId, ImagingTestDatabase.SiteB, TestContext.Current.CancellationToken);

        Assert.Equal(32, first.Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Generated_key_is_stored_protected()
    {
        var key = await _database.Get<ImagingSiteKeyProvider>().GetKeyAsync(_siteId, ImagingTestDatabase.SiteB, TestContext.Current.CancellationToken);

        var stored = await _database.Get<StudyDbContext>().Set<ImagingSiteKey>().SingleAsync(TestContext.Current.CancellationToken);
        Assert.NotEqual(Convert.ToBase64String(key), stored.ProtectedKey);
        Assert.NotEmpty(await _database.Get<StudyDbContext>().DataProtectionKeys.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Configured_key_shorter_than_32_bytes_is_rejected()
    {
        await using var database = await ImagingTestDatabase.CreateAsync(new Dictionary<string, string?> { ["Imaging:SiteKeys:" + ImagingTestDatabase.SiteB] = Convert.ToBase64String(new byte[16]) });

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.Get<ImagingSiteKeyProvider>().GetKeyAsync(_siteId, ImagingTestDatabase.SiteB, TestContext.Current.CancellationToken));

        Assert.Contains("Imaging:SiteKeys:HPH", exception.Message, StringComparison.Ordinal);
    }
}
