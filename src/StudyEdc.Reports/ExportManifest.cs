using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports;

/// <summary>What an export wrote, for its audit entry: the scope and each part with its row count.</summary>
public sealed record ExportManifest(ExportScope Scope, IReadOnlyList<ExportPart> Parts);

/// <summary>One written part of an export.</summary>
/// <param name="Name">File name inside the export folder or archive, or the form OID inside an ODM file.</param>
/// <param name="RowCount">Data rows (a CSV header not counted); null for scripts.</param>
public sealed record ExportPart(string Name, int? RowCount);
