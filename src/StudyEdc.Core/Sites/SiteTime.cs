namespace StudyEdc.Core.Sites;

/// <summary>Conversions between stored UTC times and a site's local time.</summary>
public static class SiteTime
{
    /// <summary>
    /// Converts a UTC time (a value read back with an unspecified kind is taken as UTC) to the local time of the
    /// IANA time zone <paramref name="timeZoneId"/>, for example "Asia/Shanghai".
    /// </summary>
    /// <exception cref="TimeZoneNotFoundException">The time zone id is unknown to this machine.</exception>
    public static DateTime ToSiteLocal(DateTime utc, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var asUtc = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : DateTime.SpecifyKind(utc, DateTimeKind.Utc);
        return TimeZoneInfo.ConvertTimeFromUtc(asUtc, zone);
    }

    /// <summary>Today's date in the site's time zone, used to reject CT exam dates in the future.</summary>
    public static DateOnly TodayAt(TimeProvider timeProvider, string timeZoneId) =>
        DateOnly.FromDateTime(ToSiteLocal(timeProvider.GetUtcNow().UtcDateTime, timeZoneId));

    /// <summary>True when the id names a time zone known to this machine.</summary>
    public static bool IsKnownTimeZone(string timeZoneId) =>
        !string.IsNullOrWhiteSpace(timeZoneId) && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out _);
}
