namespace StudyEdc.Web.Hosting;

/// <summary>Sign-in session settings, bound from the "Identity" configuration section.</summary>
internal sealed class SessionOptions
{
    public const string SectionName = "Identity";

    /// <summary>
    /// Minutes without a request after which the sign-in cookie expires and the browser shows the sign-in page
    /// again. Each request within the window renews it.
    /// </summary>
    public int IdleTimeoutMinutes { get; set; } = 20;
}
