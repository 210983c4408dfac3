namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the model registry page's strings: ModelsResource.resx contains the English text (the neutral
/// fallback) and ModelsResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class ModelsResource;
