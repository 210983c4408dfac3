namespace StudyEdc.Reports.Tables;

/// <summary>All forms of one export with the study's identity: the input of the CSV bundle and the ODM writer.</summary>
public sealed record ExportDataset
{
    /// <summary>Study OID, a letter, then letters, digits or '_'.</summary>
    public required string StudyOid { get; init; }

    public required string StudyNameZh { get; init; }

    public required string StudyNameEn { get; init; }

    public required string ProtocolName { get; init; }

    /// <summary>Study events in protocol order.</summary>
    public required IReadOnlyList<ExportEvent> Events { get; init; }

    public required IReadOnlyList<ExportTable> Tables { get; init; }

    /// <summary>Returns the dataset with every table reduced to <paramref name="scope"/>.</summary>
    public ExportDataset ForScope(ExportScope scope) =>
        this with { Tables = [.. Tables.Select(table => table.ForScope(scope))] };

    /// <summary>Validates the study OID, the events, every table and that table names are unique.</summary>
    /// <exception cref="InvalidExportModelException">The first problem found.</exception>
    public void Validate()
    {
        ExportTable.RequireName(StudyOid, $"Study OID '{StudyOid}'");
        var eventOids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var studyEvent in Events)
        {
            ExportTable.RequireName(studyEvent.Oid, $"Event OID '{studyEvent.Oid}'");
            eventOids.Add(studyEvent.Oid);
        }

        var tableNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in Tables)
        {
            table.Validate();
            if (!tableNames.Add(table.Name))
            {
                throw new InvalidExportModelException(
                    $"Table name '{table.Name}' occurs twice; file names and OIDs need it unique.");
            }

            if (!eventOids.Contains(table.EventOid))
            {
                throw new InvalidExportModelException(
                    $"Table '{table.Name}' belongs to event '{table.EventOid}', which the dataset does not list. "
                    + $"Known events: {string.Join(", ", eventOids)}.");
            }
        }
    }
}
