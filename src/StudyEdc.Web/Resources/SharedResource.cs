namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the web UI's strings. SharedResource.resx contains the English text (the neutral fallback) and
/// SharedResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class SharedResource;
