namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the strings of the casebook data-entry pages (tab bar, clinical CRF, exclusions, queries):
/// CasebookFormsResource.resx contains the English text (the neutral fallback) and CasebookFormsResource.zh-CN.resx
/// the Simplified Chinese text shown by default.
/// </summary>
internal sealed class CasebookFormsResource;
