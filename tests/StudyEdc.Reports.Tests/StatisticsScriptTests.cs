using StudyEdc.Reports.Scripts;
using StudyEdc.Reports.Tables;

namespace StudyEdc.Reports.Tests;

public sealed class StatisticsScriptTests
{
    private static readonly ExportDataset Dataset = SampleDatasets.Build();

    private static IEnumerable<ExportColumn> AllColumns => Dataset.Tables.SelectMany(table => table.Columns);

    [Theory]
    [InlineData(ReportLanguage.ZhCn)]
    [InlineData(ReportLanguage.En)]
    public void R_script_labels_every_column(ReportLanguage language)
    {
        var script = RScriptWriter.Write(Dataset, language);

        Assert.All(AllColumns, column => Assert.Contains(RScriptWriter.Quote(column.LabelWithUnit(language)), script));
        Assert.Contains("fileEncoding = \"UTF-8-BOM\"", script);
    }

    [Fact]
    public void R_quote_escapes_quotes_and_backslashes()
    {
        Assert.Equal("\"a\\\"b\\\\c\\nd\"", RScriptWriter.Quote("a\"b\\c\nd"));
    }

    [Theory]
    [InlineData(ReportLanguage.ZhCn)]
    [InlineData(ReportLanguage.En)]
    public void Spss_syntax_labels_every_column(ReportLanguage language)
    {
        var syntax = SpssSyntaxWriter.Write(Dataset, language);

        Assert.All(AllColumns, column => Assert.Contains($"{column.Name} {SpssSyntaxWriter.Quote(column.LabelWithUnit(language), 255)}", syntax));
        Assert.Contains("/ENCODING='UTF8'", syntax);
        Assert.Contains("sex 1 '男' 2 '女'", SpssSyntaxWriter.Write(Dataset, ReportLanguage.ZhCn));
    }

    [Fact]
    public void Spss_quote_doubles_single_quotes_and_flattens_lines()
    {
        Assert.Equal("'it''s a b'", SpssSyntaxWriter.Quote("it's a\nb", 255));
    }

    [Fact]
    public void Spss_quote_cuts_at_byte_limit_on_character_boundary()
    {
        Assert.Equal("'肝肝'", SpssSyntaxWriter.Quote("肝肝肝", 8));
    }

    [Theory]
    [InlineData(ReportLanguage.ZhCn)]
    [InlineData(ReportLanguage.En)]
    public void Stata_do_file_labels_every_column(ReportLanguage language)
    {
        var script = StataDoWriter.Write(Dataset, language);

        Assert.All(AllColumns, column => Assert.Contains($"label variable {column.Name} {StataDoWriter.Quote(column.LabelWithUnit(language))}", script));
        Assert.Contains("encoding(\"utf-8\")", script);
        Assert.Contains("label values sex sex", script);
    }

    [Fact]
    public void Stata_quote_escapes_macro_characters()
    {
        Assert.Equal("`\"cost \\$5 \\`x' \"a\"\"'", StataDoWriter.Quote("cost $5 `x' \"a\""));
    }
}
