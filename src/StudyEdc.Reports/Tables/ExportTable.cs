using System.Text.RegularExpressions;

namespace StudyEdc.Reports.Tables;

/// <summary>
/// One form's data as plain rows: the unit of a CSV file and of an ODM FormDef. Core builds it from the form's
/// field declarations and its rows; the writers never see entities.
/// </summary>
public sealed partial record ExportTable
{
    /// <summary>Form key, used as the file name and in OIDs: a letter, then letters, digits or '_'.</summary>
    public required string Name { get; init; }

    public required string LabelZh { get; init; }

    public required string LabelEn { get; init; }

    /// <summary>OID of the study event (visit) the form belongs to; must be one of the dataset's events.</summary>
    public required string EventOid { get; init; }

    /// <summary>Name of the column that holds the study's subject identifier (never an identifying column).</summary>
    public required string SubjectKeyColumn { get; init; }

    /// <summary>True when a subject may have several rows (lesions, readings); ODM then numbers them.</summary>
    public bool IsRepeating { get; init; }

    public required IReadOnlyList<ExportColumn> Columns { get; init; }

    /// <summary>Rows with one cell per column, in column order; null is a missing value.</summary>
    public required IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; }

    /// <summary>Returns the label in the given report language.</summary>
    public string Label(ReportLanguage language) => language == ReportLanguage.ZhCn ? LabelZh : LabelEn;

    /// <summary>
    /// Returns the table as written for <paramref name="scope"/>: the same table for <see cref="ExportScope.Full"/>,
    /// and without the identifying columns and their cells for <see cref="ExportScope.Deidentified"/>.
    /// </summary>
    public ExportTable ForScope(ExportScope scope)
    {
        if (scope == ExportScope.Full || !Columns.Any(column => column.IsIdentifying))
        {
            return this;
        }

        var kept = Enumerable.Range(0, Columns.Count).Where(index => !Columns[index].IsIdentifying).ToArray();
        return this with
        {
            Columns = [.. kept.Select(index => Columns[index])],
            Rows = [.. Rows.Select(row => (IReadOnlyList<object?>)[.. kept.Select(index => row[index])])],
        };
    }

    /// <summary>Returns the index of the subject key column.</summary>
    public int SubjectKeyIndex()
    {
        for (var index = 0; index < Columns.Count; index++)
        {
            if (Columns[index].Name == SubjectKeyColumn)
            {
                return index;
            }
        }

        throw new InvalidExportModelException(
            $"Table '{Name}' names subject key column '{SubjectKeyColumn}', which is not among its columns. "
            + "Add the column or name an existing one.");
    }

    /// <summary>
    /// Checks names, the subject key, row widths and every cell against its column's type and allowed values.
    /// </summary>
    /// <exception cref="InvalidExportModelException">The first problem found, naming the table, row and column.</exception>
    public void Validate()
    {
        RequireName(Name, $"Table name '{Name}'");
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var column in Columns)
        {
            RequireName(column.Name, $"Column name '{column.Name}' in table '{Name}'");
            if (!names.Add(column.Name))
            {
                throw new InvalidExportModelException(
                    $"Table '{Name}' has column '{column.Name}' twice (names are compared ignoring case, as Stata "
                    + "and SPSS do). Rename one of them.");
            }
        }

        var keyIndex = SubjectKeyIndex();
        if (Columns[keyIndex].IsIdentifying)
        {
            throw new InvalidExportModelException(
                $"Subject key column '{SubjectKeyColumn}' of table '{Name}' is marked identifying, so a "
                + "de-identified export could not link its rows. Use the study's pseudonymous subject number.");
        }

        for (var rowIndex = 0; rowIndex < Rows.Count; rowIndex++)
        {
            var row = Rows[rowIndex];
            if (row.Count != Columns.Count)
            {
                throw new InvalidExportModelException(
                    $"Row {rowIndex + 1} of table '{Name}' has {row.Count} cells but the table has {Columns.Count} "
                    + "columns. Give every row one cell per column, null for a missing value.");
            }

            if (row[keyIndex] is null)
            {
                throw new InvalidExportModelException(
                    $"Row {rowIndex + 1} of table '{Name}' has no subject key in '{SubjectKeyColumn}'.");
            }

            for (var columnIndex = 0; columnIndex < Columns.Count; columnIndex++)
            {
                ExportValueFormatter.Format(Columns[columnIndex], row[columnIndex], Name, rowIndex);
            }
        }
    }

    internal static void RequireName(string name, string what)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new InvalidExportModelException(
                $"{what} is invalid: use a letter, then letters, digits or '_', at most 32 characters, so that R, "
                + "SPSS, Stata and ODM OIDs accept it.");
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,31}$")]
    private static partial Regex NamePattern();
}
