using System.Text;
using StudyEdc.Core.DataDictionary;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Tests.Infrastructure;
using StudyEdc.TestSupport;

namespace StudyEdc.Core.Tests.DataDictionary;

public sealed class DataDictionaryWriterTests
{
    [Fact]
    public void Csv_has_one_row_per_field()
    {
        var csv = Csv();

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("form,form_label_zh,form_label_en,field,", lines[0], StringComparison.Ordinal);
        Assert.Equal(CrfForms.All.Sum(f => f.Fields.Count) + 1, lines.Length);
    }

    [Fact]
    public void Csv_quotes_values_with_commas_and_quotes()
    {
        var csv = Csv();

        Assert.Contains("\"Generic name and concentration, for example \"\"iohexol 350 mgI/mL\"\".\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_is_the_same_in_every_ui_culture()
    {
        string chinese;
        using (new UiCulture("zh-CN"))
        {
            chinese = Csv();
        }

        using var culture = new UiCulture("de-DE");
        Assert.Equal(chinese, Csv());
    }

    [Fact]
    public void Committed_dictionary_matches_the_declarations()
    {
        var committedCsv = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "data-dictionary.csv"), Encoding.UTF8);
        var committedMarkdown = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "data-dictionary.md"), Encoding.UTF8);
        var markdown = new StringWriter { NewLine = "\n" };
        DataDictionaryWriter.WriteMarkdown(markdown, CrfForms.All);

        Assert.True(committedCsv == Csv(), "docs/data-dictionary.csv is out of date. Regenerate it: dotnet run --project src/StudyEdc.Cli -- dictionary export --format csv --out docs/data-dictionary.csv");
        Assert.True(committedMarkdown == markdown.ToString(), "docs/data-dictionary.md is out of date. Regenerate it: dotnet run --project src/StudyEdc.Cli -- dictionary export --format md --out docs/data-dictionary.md");
    }

    private static string Csv()
    {
        var writer = new StringWriter();
        DataDictionaryWriter.WriteCsv(writer, CrfForms.All);
        return writer.ToString();
    }
}
