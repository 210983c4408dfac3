namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the imaging pages' strings: ImagingResource.resx contains the English text (the neutral fallback)
/// and ImagingResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class ImagingResource;
