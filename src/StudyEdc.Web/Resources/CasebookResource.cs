namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the casebook pages' strings (dashboard, lesions): CasebookResource.resx contains the English text
/// (the neutral fallback) and CasebookResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class CasebookResource;
