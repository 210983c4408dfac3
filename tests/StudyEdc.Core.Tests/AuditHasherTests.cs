using StudyEdc.Core.Auditing;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class AuditHasherTests
{
    private static AuditEntry Sample() => new()
    {
        Id = 7,
        TimestampUtc = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_560),
        UserId = "u-1",
        UserName = "张医生",
        SiteId = 3,
        EntityType = "Participant",
        EntityId = "42",
        Field = "Age",
        OldValue = "56",
        NewValue = null,
        Action = AuditAction.Update,
        Reason = "改正",
        PreviousHash = AuditHasher.GenesisHash,
    };

    // Expected value computed independently with Python 3's hashlib.sha256 over the same canonical text.
    [Fact]
    public void Hash_matches_an_independent_sha256()
    {
        var hash = AuditHasher.ComputeHash(Sample());

        Assert.Equal("e96347d721c6e317203cd0714089cb69f287b53dfa5fa93a3fd4a413a0d9c6ba", hash);
    }

    [Fact]
    public void Canonical_text_keeps_null_distinct_from_empty()
    {
        var withNull = AuditHasher.Canonicalize(Sample());
        var withEmpty = AuditHasher.Canonicalize(Sample().WithNewValue(""));

        Assert.NotEqual(withNull, withEmpty);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    [InlineData("ar-SA")]
    public void Hash_does_not_depend_on_culture(string culture)
    {
        var invariant = AuditHasher.ComputeHash(Sample());
        using var scope = new UiCulture(culture);

        var hash = AuditHasher.ComputeHash(Sample());

        Assert.Equal(invariant, hash);
    }

    [Fact]
    public void Hash_changes_with_the_previous_hash()
    {
        var first = AuditHasher.ComputeHash(Sample());
        var relinked = Sample();
        relinked.PreviousHash = new string('1', 64);

        var second = AuditHasher.ComputeHash(relinked);

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Truncation_keeps_whole_microseconds_only()
    {
        var time = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1_234_567);

        var truncated = AuditHasher.TruncateToMicroseconds(time);

        Assert.Equal(time.AddTicks(-7), truncated);
    }
}

internal static class AuditEntryTestExtensions
{
    public static AuditEntry WithNewValue(this AuditEntry entry, string? value)
    {
        entry.NewValue = value;
        return entry;
    }
}
