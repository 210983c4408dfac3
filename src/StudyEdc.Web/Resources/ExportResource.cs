namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the exports page's strings: ExportResource.resx contains the English text (the neutral fallback)
/// and ExportResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class ExportResource;
