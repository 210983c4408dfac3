namespace StudyEdc.Web.Resources;

/// <summary>
/// Marker type of the strings of the casebook review pages (review with SDV, signature and locking; reader
/// assignment; consensus recording; the reader-agreement card). CasebookReviewResource.resx contains the English
/// text (the neutral fallback) and CasebookReviewResource.zh-CN.resx the Simplified Chinese text shown by default.
/// </summary>
internal sealed class CasebookReviewResource;
