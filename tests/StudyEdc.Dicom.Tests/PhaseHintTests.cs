using StudyEdc.Dicom.Series;

namespace StudyEdc.Dicom.Tests;

public sealed class PhaseHintTests
{
    [Theory]
    [InlineData("动脉期 5mm", ContrastPhase.Arterial)]
    [InlineData("肝脏动脉期", ContrastPhase.Arterial)]
    [InlineData("门脉期 1.25mm", ContrastPhase.PortalVenous)]
    [InlineData("门静脉期", ContrastPhase.PortalVenous)]
    [InlineData("静脉期 5.0", ContrastPhase.PortalVenous)]
    [InlineData("延迟期 3min", ContrastPhase.Delayed)]
    [InlineData("平扫 5mm", ContrastPhase.NonContrast)]
    [InlineData("Arterial 1.25mm", ContrastPhase.Arterial)]
    [InlineData("ART 5.0 B30f", ContrastPhase.Arterial)]
    [InlineData("AP 5mm", ContrastPhase.Arterial)]
    [InlineData("Abd AP5mm", ContrastPhase.Arterial)]
    [InlineData("PV 5mm", ContrastPhase.PortalVenous)]
    [InlineData("PVP 1.25", ContrastPhase.PortalVenous)]
    [InlineData("Portal Venous 5.0", ContrastPhase.PortalVenous)]
    [InlineData("Venous Phase", ContrastPhase.PortalVenous)]
    [InlineData("Delay 180s", ContrastPhase.Delayed)]
    [InlineData("Plain 5mm", ContrastPhase.NonContrast)]
    [InlineData("Non-contrast abdomen", ContrastPhase.NonContrast)]
    [InlineData("Abdomen C- 5mm", ContrastPhase.NonContrast)]
    [InlineData("ＡＲＴ　５ｍｍ", ContrastPhase.Arterial)]
    public void Series_description_word_suggests_phase(string description, ContrastPhase expected)
    {
        var series = Series("1", description);

        var hint = PhaseHinter.Suggest([series])[0];

        Assert.Equal(expected, hint.Suggested);
        Assert.True(hint.Confidence >= 0.8, $"confidence {hint.Confidence}");
    }

    [Theory]
    [InlineData("Topogram 0.6 T20s AP")]
    [InlineData("Lap chole follow-up")]
    [InlineData("定位像")]
    [InlineData("")]
    public void Description_without_phase_word_gives_unknown(string description)
    {
        var series = Series("1", description);

        var hint = PhaseHinter.Suggest([series])[0];

        Assert.Equal(ContrastPhase.Unknown, hint.Suggested);
        Assert.Equal(0, hint.Confidence);
    }

    [Theory]
    [InlineData("100030", ContrastPhase.Arterial)]
    [InlineData("100110", ContrastPhase.PortalVenous)]
    [InlineData("100300", ContrastPhase.Delayed)]
    public void Bolus_delay_suggests_phase_without_words(string acquisitionTime, ContrastPhase expected)
    {
        var series = Series("1", null, agent: "Omnipaque 350", bolusStart: "100000", acquisition: acquisitionTime);

        var hint = PhaseHinter.Suggest([series])[0];

        Assert.Equal(expected, hint.Suggested);
        Assert.Contains(hint.Evidence, e => e.Kind == PhaseEvidenceKind.ContrastTiming);
    }

    [Fact]
    public void Words_and_timing_that_agree_raise_confidence()
    {
        var agreeing = Series("1", "Arterial", agent: "Iopromide", bolusStart: "100000", acquisition: "100030");

        var hint = PhaseHinter.Suggest([agreeing])[0];

        Assert.Equal(ContrastPhase.Arterial, hint.Suggested);
        Assert.True(hint.Confidence > 0.9, $"confidence {hint.Confidence}");
        Assert.False(hint.HasConflict);
    }

    [Fact]
    public void Disagreeing_evidence_is_a_conflict()
    {
        var disagreeing = Series("1", "Arterial", agent: "Iopromide", bolusStart: "100000", acquisition: "100110");

        var hint = PhaseHinter.Suggest([disagreeing])[0];

        Assert.Equal(ContrastPhase.Arterial, hint.Suggested);
        Assert.True(hint.HasConflict);
        Assert.True(hint.Confidence < 0.5, $"confidence {hint.Confidence}");
        Assert.Contains("ContrastBolusStartTime", hint.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_unnamed_acquisitions_give_ap_then_pvp()
    {
        var first = Series("1", "Abdomen 5mm", acquisition: "101500");
        var second = Series("2", "Abdomen 5mm", acquisition: "101440");

        var hints = PhaseHinter.Suggest([first, second]);

        Assert.Equal(ContrastPhase.PortalVenous, hints[0].Suggested);
        Assert.Equal(ContrastPhase.Arterial, hints[1].Suggested);
        Assert.True(hints[1].Confidence < 0.5, $"confidence {hints[1].Confidence}");
    }

    [Fact]
    public void Thin_and_thick_reconstructions_count_as_one_acquisition()
    {
        var arterialThick = Series("1", "Abdomen 5mm", acquisition: "101440");
        var arterialThin = Series("2", "Abdomen 1mm", acquisition: "101442");
        var venous = Series("3", "Abdomen 5mm", acquisition: "101520");

        var hints = PhaseHinter.Suggest([arterialThick, arterialThin, venous]);

        Assert.Equal(ContrastPhase.Arterial, hints[0].Suggested);
        Assert.Equal(ContrastPhase.Arterial, hints[1].Suggested);
        Assert.Equal(ContrastPhase.PortalVenous, hints[2].Suggested);
    }

    [Fact]
    public void Leading_plain_scan_is_not_counted()
    {
        var plain = Series("1", "平扫", acquisition: "101000");
        var arterial = Series("2", "Abdomen 5mm", acquisition: "101440");
        var venous = Series("3", "Abdomen 5mm", acquisition: "101520");

        var hints = PhaseHinter.Suggest([plain, arterial, venous]);

        Assert.Equal(ContrastPhase.NonContrast, hints[0].Suggested);
        Assert.Equal(ContrastPhase.Arterial, hints[1].Suggested);
        Assert.Equal(ContrastPhase.PortalVenous, hints[2].Suggested);
    }

    [Fact]
    public void Missing_agent_counts_only_beside_agents()
    {
        var withoutAgent = Series("1", null);
        var withAgent = Series("2", null, agent: "Iohexol");

        var alone = PhaseHinter.Suggest([withoutAgent])[0];
        var beside = PhaseHinter.Suggest([withoutAgent, withAgent])[0];

        Assert.Empty(alone.Evidence);
        Assert.Equal(ContrastPhase.NonContrast, beside.Suggested);
    }

    [Fact]
    public void Hint_lists_uid_and_evidence()
    {
        var series = Series("1.2.3", "门脉期", protocol: "Liver 3 phase PV");

        var hint = PhaseHinter.Suggest([series])[0];

        Assert.Equal("1.2.3", hint.SeriesInstanceUid);
        Assert.Equal(2, hint.Evidence.Count);
        Assert.Contains("门脉期", hint.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("101530", 10, 15, 30.0)]
    [InlineData("101530.25", 10, 15, 30.25)]
    [InlineData("10:15:30", 10, 15, 30.0)]
    [InlineData("1015", 10, 15, 0.0)]
    public void Dicom_time_parses(string text, int hours, int minutes, double seconds)
    {
        var time = PhaseHinter.ParseDicomTime(text);

        Assert.Equal(new TimeSpan(hours, minutes, 0) + TimeSpan.FromSeconds(seconds), time);
    }

    [Theory]
    [InlineData("251000")]
    [InlineData("1")]
    [InlineData("ab1234")]
    public void Invalid_dicom_time_gives_null(string text)
    {
        var time = PhaseHinter.ParseDicomTime(text);

        Assert.Null(time);
    }

    private static SeriesPhaseAttributes Series(string uid, string? description, string? protocol = null,
        string? agent = null, string? bolusStart = null, string? acquisition = null) =>
        new(uid, description, protocol, agent, PhaseHinter.ParseDicomTime(bolusStart),
            PhaseHinter.ParseDicomTime(acquisition), null);
}
