using SkiaSharp;
using StudyEdc.Reports.Model;

namespace StudyEdc.Reports.Pdf;

/// <summary>
/// The STARD 2015 participant flow as boxes and arrows: assessed → index test done → reference standard done →
/// model positive / negative → target condition present / absent (the 2×2 cells), with the losses (excluded, no
/// index test result, no reference standard) in boxes to the right, each with its reasons.
/// </summary>
internal static class StardSection
{
    private const float Gap = 22;
    private const float Padding = 5;

    public static void Compose(ReportContext context)
    {
        var (flow, text, layout) = (context.Report.Flow, context.Text, context.Layout);
        layout.NewPage();
        context.Heading(text["StardHeading"]);

        var mainWidth = layout.ContentWidth * 0.46f;
        var sideLeft = layout.Left + (layout.ContentWidth * 0.56f);
        var sideWidth = layout.Right - sideLeft;
        var mainCenter = layout.Left + (mainWidth / 2);

        var assessed = Box(context, layout.Left, layout.Y, mainWidth, text.Format("StardAssessed", flow.Assessed));
        var excluded = SideBox(context, sideLeft, assessed.Bottom + (Gap / 2), sideWidth, "StardExcluded", flow.Excluded);
        var indexDone = Box(context, layout.Left, Math.Max(assessed.Bottom + Gap, excluded.Bottom + (Gap / 2)), mainWidth, text.Format("StardIndexDone", flow.IndexTestDone));
        Arrow(context, mainCenter, assessed.Bottom, mainCenter, indexDone.Top);
        Arrow(context, mainCenter, excluded.MidY, excluded.Left, excluded.MidY);

        var notDone = SideBox(context, sideLeft, indexDone.Bottom + (Gap / 2), sideWidth, "StardIndexNotDone", flow.IndexTestNotDone);
        var referenceLines = new List<string> { text.Format("StardReference", flow.ReferenceStandardByType.Sum(type => type.Count)) };
        referenceLines.AddRange(flow.ReferenceStandardByType.Select(type => text.Format("StardReason", type.Label, type.Count)));
        var reference = Box(context, layout.Left, Math.Max(indexDone.Bottom + Gap, notDone.Bottom + (Gap / 2)), mainWidth, string.Join("\n", referenceLines));
        Arrow(context, mainCenter, indexDone.Bottom, mainCenter, reference.Top);
        Arrow(context, mainCenter, notDone.MidY, notDone.Left, notDone.MidY);

        var noReference = SideBox(context, sideLeft, reference.Bottom + (Gap / 2), sideWidth, "StardNoReference", flow.NoReferenceStandard);
        Arrow(context, mainCenter, noReference.MidY, noReference.Left, noReference.MidY);

        // The 2×2 split: two boxes for the index test result, four for the cells below them.
        var cells = flow.Cells;
        var splitTop = Math.Max(reference.Bottom + Gap, noReference.Bottom + Gap);
        var halfWidth = (layout.ContentWidth - Gap) / 2;
        var positive = Box(context, layout.Left, splitTop, halfWidth, text.Format("StardModelPositive", cells.TruePositives + cells.FalsePositives));
        var negative = Box(context, layout.Left + halfWidth + Gap, splitTop, halfWidth, text.Format("StardModelNegative", cells.FalseNegatives + cells.TrueNegatives));
        // Bend below the "no reference standard" box so the split does not cross its arrow.
        var bend = splitTop - (Gap / 2);
        Arrow(context, mainCenter, reference.Bottom, positive.MidX, positive.Top, bend);
        Arrow(context, mainCenter, reference.Bottom, negative.MidX, negative.Top, bend);

        var quarterWidth = (halfWidth - (Gap / 2)) / 2;
        var cellTop = positive.Bottom + Gap;
        var cellBoxes = new[]
        {
            (Parent: positive, Left: positive.Left, Key: "StardTargetPresent", Count: cells.TruePositives),
            (Parent: positive, Left: positive.Left + quarterWidth + (Gap / 2), Key: "StardTargetAbsent", Count: cells.FalsePositives),
            (Parent: negative, Left: negative.Left, Key: "StardTargetPresent", Count: cells.FalseNegatives),
            (Parent: negative, Left: negative.Left + quarterWidth + (Gap / 2), Key: "StardTargetAbsent", Count: cells.TrueNegatives),
        };
        var bottom = cellTop;
        foreach (var cell in cellBoxes)
        {
            var box = Box(context, cell.Left, cellTop, quarterWidth, text.Format(cell.Key, cell.Count));
            Arrow(context, cell.Parent.MidX, cell.Parent.Bottom, box.MidX, box.Top);
            bottom = Math.Max(bottom, box.Bottom);
        }

        layout.Y = bottom + Gap;
    }

    private static SKRect SideBox(ReportContext context, float left, float top, float width, string headingKey, IReadOnlyList<ReasonCount> reasons)
    {
        var lines = new List<string> { context.Text.Format(headingKey, reasons.Sum(reason => reason.Count)) };
        lines.AddRange(reasons.Select(reason => "• " + context.Text.Format("StardReason", reason.Label, reason.Count)));
        return Box(context, left, top, width, string.Join("\n", lines));
    }

    private static SKRect Box(ReportContext context, float left, float top, float width, string content)
    {
        var style = context.Style;
        var font = style.Table;
        var lines = PdfText.Wrap(content, font, width - (2 * Padding));
        var height = (lines.Count * ReportStyle.LineHeight(font)) + (2 * Padding);
        var box = new SKRect(left, top, left + width, top + height);
        context.Layout.Draw(canvas =>
        {
            canvas.DrawRect(box, style.Frame);
            var baseline = top + Padding + font.Size;
            foreach (var line in lines)
            {
                PdfText.Draw(canvas, line, left + Padding, baseline, font, style.Ink);
                baseline += ReportStyle.LineHeight(font);
            }
        });
        return box;
    }

    private static void Arrow(ReportContext context, float fromX, float fromY, float toX, float toY, float? bendY = null)
    {
        var style = context.Style;
        context.Layout.Draw(canvas =>
        {
            // An orthogonal connector: down from the source, across, then down (or straight across) into the target.
            using var path = new SKPathBuilder();
            path.MoveTo(fromX, fromY);
            if (Math.Abs(fromY - toY) < 0.5f || Math.Abs(fromX - toX) < 0.5f)
            {
                path.LineTo(toX, toY);
            }
            else
            {
                var middle = bendY ?? ((fromY + toY) / 2);
                path.LineTo(fromX, middle);
                path.LineTo(toX, middle);
                path.LineTo(toX, toY);
            }

            using var connector = path.Detach();
            canvas.DrawPath(connector, style.Frame);
            DrawHead(canvas, style, toX, toY, horizontal: Math.Abs(fromY - toY) < 0.5f);
        });
    }

    private static void DrawHead(SKCanvas canvas, ReportStyle style, float x, float y, bool horizontal)
    {
        using var head = new SKPathBuilder();
        if (horizontal)
        {
            head.MoveTo(x, y);
            head.LineTo(x - 6, y - 3);
            head.LineTo(x - 6, y + 3);
        }
        else
        {
            head.MoveTo(x, y);
            head.LineTo(x - 3, y - 6);
            head.LineTo(x + 3, y - 6);
        }

        head.Close();
        using var triangle = head.Detach();
        canvas.DrawPath(triangle, style.ArrowFill);
    }
}
