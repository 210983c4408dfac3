using System.Globalization;
using StudyEdc.Core.Forms;
using StudyEdc.Core.Lesions;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Tests.Forms;

/// <summary>The field declarations that validation, the data dictionary and the forms share.</summary>
public sealed class CrfFormsTests
{
    public static TheoryData<string> FormKeys => [.. CrfForms.All.Select(f => f.Key)];

    [Theory]
    [MemberData(nameof(FormKeys))]
    public void Every_field_has_both_labels(string formKey)
    {
        var form = CrfForms.Get(formKey);

        var unlabelled = form.Fields.Where(f => string.IsNullOrWhiteSpace(f.LabelZh) || string.IsNullOrWhiteSpace(f.LabelEn)).Select(f => f.Name);

        Assert.Empty(unlabelled);
    }

    [Theory]
    [MemberData(nameof(FormKeys))]
    public void Every_choice_has_both_labels(string formKey)
    {
        var form = CrfForms.Get(formKey);

        var choices = form.Fields.SelectMany(f => f.Choices);

        Assert.All(choices, c => Assert.False(string.IsNullOrWhiteSpace(c.LabelZh) || string.IsNullOrWhiteSpace(c.LabelEn), c.Code));
    }

    [Fact]
    public void Participant_form_declares_its_checklist()
    {
        var form = CrfForms.Participant;

        var names = form.Fields.Select(f => f.Name).ToList();

        Assert.Contains(nameof(Participant.ArterialOrPortalPhaseMissing), names);
        Assert.Equal(FieldRequirement.ToComplete, form.Find(nameof(Participant.Age))!.Requirement);
    }

    [Fact]
    public void Diameter_declaration_gives_type_and_range()
    {
        var diameter = CrfForms.Lesion.Find(nameof(Lesion.LongestDiameterMm))!;

        Assert.Equal(FieldDataType.Number, diameter.DataType);
        Assert.Equal("mm", diameter.Unit);
        Assert.Equal(1d, diameter.Minimum);
        Assert.Equal(300d, diameter.Maximum);
    }

    [Fact]
    public void Couinaud_segments_are_the_eight_segments()
    {
        var segment = CrfForms.Lesion.Find(nameof(Lesion.CouinaudSegment))!;

        Assert.Equal(["I", "II", "III", "IV", "V", "VI", "VII", "VIII"], segment.Choices.Select(c => c.Code));
    }

    [Fact]
    public void Labels_follow_the_ui_language()
    {
        var field = CrfForms.Lesion.Find(nameof(Lesion.LongestDiameterMm))!;

        Assert.Equal("最大径", field.Label(CultureInfo.GetCultureInfo("zh-CN")));
        Assert.Equal("Longest diameter", field.Label(CultureInfo.GetCultureInfo("en-GB")));
    }

    [Fact]
    public void Dates_related_to_a_person_are_marked_identifying()
    {
        var identifying = CrfForms.All.SelectMany(f => f.Fields).Where(f => f.IdentifiesPerson).Select(f => f.Name).ToHashSet();

        Assert.Contains(nameof(Participant.CtExamDate), identifying);
        Assert.Contains(nameof(Lesion.SpecimenDate), identifying);
        Assert.DoesNotContain(nameof(Lesion.LongestDiameterMm), identifying);
    }

    [Fact]
    public void Unknown_form_key_names_the_known_keys()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CrfForms.Get("Lab"));

        Assert.Contains("Participant, Clinical, Lesion", error.Message, StringComparison.Ordinal);
    }
}
