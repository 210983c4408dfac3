using SkiaSharp;

namespace StudyEdc.Reports.Pdf;

/// <summary>Horizontal alignment of a table column.</summary>
internal enum CellAlign
{
    Left,
    Right,
    Center,
}

/// <summary>A column of a drawn table: header text, width as a share of the content width, alignment.</summary>
internal sealed record TableColumn(string Header, float Share, CellAlign Align = CellAlign.Left);

/// <summary>
/// Draws a ruled table across the content width. Cells wrap inside their column; a row never splits across pages,
/// and the header row is repeated at the top of a continuation page.
/// </summary>
internal static class TableDrawer
{
    private const float Padding = 3f;

    /// <summary>Draws the header and <paramref name="rows"/>; rows listed in <paramref name="boldRows"/> (such as the pooled row) are bold.</summary>
    public static void Draw(ReportContext context, IReadOnlyList<TableColumn> columns, IReadOnlyList<IReadOnlyList<string>> rows, ISet<int>? boldRows = null)
    {
        var layout = context.Layout;
        var style = context.Style;
        var totalShare = columns.Sum(column => column.Share);
        var widths = columns.Select(column => layout.ContentWidth * column.Share / totalShare).ToArray();
        var header = columns.Select(column => column.Header).ToArray();

        // A table whose headers are all empty (a list of label and value pairs) gets no header row.
        var hasHeader = header.Any(cell => cell.Length > 0);
        if (hasHeader)
        {
            DrawRow(context, widths, columns, header, style.TableBold, isHeader: true);
        }
        else
        {
            var (left, right, top) = (layout.Left, layout.Right, layout.Y);
            layout.Draw(canvas => canvas.DrawLine(left, top, right, top, style.Frame));
        }

        for (var index = 0; index < rows.Count; index++)
        {
            var font = boldRows?.Contains(index) == true ? style.TableBold : style.Table;
            var height = RowHeight(rows[index], widths, font);
            if (layout.Y + height > layout.Bottom)
            {
                layout.NewPage();
                if (hasHeader)
                {
                    DrawRow(context, widths, columns, header, style.TableBold, isHeader: true);
                }
            }

            DrawRow(context, widths, columns, rows[index], font, isHeader: false);
        }

        layout.Y += 6;
    }

    private static float RowHeight(IReadOnlyList<string> cells, float[] widths, SKFont font)
    {
        var lines = cells.Select((cell, index) => PdfText.Wrap(cell, font, widths[index] - (2 * Padding)).Count).Max();
        return (lines * ReportStyle.LineHeight(font)) + (2 * Padding);
    }

    private static void DrawRow(ReportContext context, float[] widths, IReadOnlyList<TableColumn> columns, IReadOnlyList<string> cells, SKFont font, bool isHeader)
    {
        var layout = context.Layout;
        var style = context.Style;
        var height = RowHeight(cells, widths, font);
        layout.EnsureSpace(height);
        var top = layout.Y;
        var left = layout.Left;
        var right = layout.Right;

        if (isHeader)
        {
            layout.Draw(canvas => canvas.DrawRect(new SKRect(left, top, right, top + height), style.HeaderFill));
        }

        var x = left;
        for (var index = 0; index < cells.Count; index++)
        {
            var lines = PdfText.Wrap(cells[index], font, widths[index] - (2 * Padding));
            var (anchor, align) = columns[index].Align switch
            {
                CellAlign.Right => (x + widths[index] - Padding, SKTextAlign.Right),
                CellAlign.Center => (x + (widths[index] / 2), SKTextAlign.Center),
                _ => (x + Padding, SKTextAlign.Left),
            };
            var baseline = top + Padding + font.Size;
            foreach (var line in lines)
            {
                var lineBaseline = baseline;
                layout.Draw(canvas => PdfText.Draw(canvas, line, anchor, lineBaseline, font, style.Ink, align));
                baseline += ReportStyle.LineHeight(font);
            }

            x += widths[index];
        }

        var bottom = top + height;
        var ruleAbove = isHeader;
        layout.Draw(canvas =>
        {
            if (ruleAbove)
            {
                canvas.DrawLine(left, top, right, top, style.Frame);
            }

            canvas.DrawLine(left, bottom, right, bottom, isHeader ? style.Frame : style.Rule);
        });
        layout.Y = bottom;
    }
}
