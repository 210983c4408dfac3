namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the report and analysis pages' strings: ReportResource.resx contains the English text (the neutral
/// fallback) and ReportResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class ReportResource;
