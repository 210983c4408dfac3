namespace StudyEdc.Reports.Tables;

/// <summary>A study event (visit) that forms belong to, such as the baseline visit.</summary>
/// <param name="Oid">ODM object identifier, a letter, then letters, digits or '_'.</param>
/// <param name="LabelZh">Simplified Chinese name.</param>
/// <param name="LabelEn">English name.</param>
public sealed record ExportEvent(string Oid, string LabelZh, string LabelEn);
