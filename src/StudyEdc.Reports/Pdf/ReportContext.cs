using StudyEdc.Reports.Model;
using StudyEdc.Reports.Resources;

namespace StudyEdc.Reports.Pdf;

/// <summary>What every section needs while composing: the report, its labels, the style and the pages.</summary>
internal sealed record ReportContext(AccuracyReport Report, ReportText Text, ReportStyle Style, PageLayout Layout)
{
    /// <summary>Adds a section heading, starting a new page when less than <paramref name="keepWithNext"/> points remain.</summary>
    public void Heading(string text, float keepWithNext = 120)
    {
        var font = Style.Heading;
        Layout.EnsureSpace(ReportStyle.LineHeight(font) + keepWithNext);
        var baseline = Layout.Y + font.Size;
        var x = Layout.Left;
        Layout.Draw(canvas => PdfText.Draw(canvas, text, x, baseline, font, Style.Ink));
        Layout.Y += ReportStyle.LineHeight(font) + 6;
    }

    /// <summary>Adds a paragraph wrapped to the content width.</summary>
    public void Paragraph(string text, bool small = false)
    {
        var font = small ? Style.Small : Style.Body;
        var paint = small ? Style.MutedInk : Style.Ink;
        foreach (var line in PdfText.Wrap(text, font, Layout.ContentWidth))
        {
            Layout.EnsureSpace(ReportStyle.LineHeight(font));
            var baseline = Layout.Y + font.Size;
            var x = Layout.Left;
            Layout.Draw(canvas => PdfText.Draw(canvas, line, x, baseline, font, paint));
            Layout.Y += ReportStyle.LineHeight(font);
        }
    }

    /// <summary>Returns the localized "not estimable: reason" text.</summary>
    public string NotEstimable(Statistics.NotEstimable? problem) =>
        Text.Format("NotEstimable", problem is null ? ReportNumbers.Missing : Text["Reason_" + problem.Reason]);

    /// <summary>Returns the localized reason alone.</summary>
    public string Reason(Statistics.NotEstimable problem) => Text["Reason_" + problem.Reason];
}
