using System.Globalization;
using System.Text;

namespace StudyEdc.Dicom.Series;

/// <summary>
/// Suggests the contrast phase of each CT series of one exam from the words in SeriesDescription and ProtocolName
/// (English and Chinese hospital wording), the contrast bolus attributes, the delay from bolus start to acquisition,
/// and the order of acquisitions. It never decides: a coordinator confirms every suggestion.
/// </summary>
/// <remarks>
/// Weights: a phase word in SeriesDescription counts 0.8, in ProtocolName 0.5 (protocols often name the whole
/// exam), a bolus delay 0.6 (0.5 for delayed), acquisition order 0.3 or less, no contrast agent recorded 0.2.
/// Agreeing evidence combines as 1 − Π(1 − w). The confidence is that support times the winning phase's share of
/// all weight, so conflicting evidence lowers it. Equal scores give <see cref="ContrastPhase.Unknown"/>.
/// </remarks>
public static class PhaseHinter
{
    private const double DescriptionWeight = 0.8;
    private const double ProtocolWeight = 0.5;
    private const double TimingWeight = 0.6;
    private const double DelayedTimingWeight = 0.5;
    private const double NoAgentWeight = 0.2;

    /// <summary>Acquisitions less than this far apart are one acquisition reconstructed several times (thin and thick).</summary>
    private static readonly TimeSpan SameAcquisitionTolerance = TimeSpan.FromSeconds(5);

    // Chinese words are matched as substrings, longest first, because Chinese has no spaces between words.
    private static readonly (string Word, ContrastPhase Phase)[] ChineseWords =
    [
        ("门静脉期", ContrastPhase.PortalVenous),
        ("门静脉", ContrastPhase.PortalVenous),
        ("门脉期", ContrastPhase.PortalVenous),
        ("门脉", ContrastPhase.PortalVenous),
        ("静脉期", ContrastPhase.PortalVenous),
        ("静脉", ContrastPhase.PortalVenous),
        ("动脉期", ContrastPhase.Arterial),
        ("动脉", ContrastPhase.Arterial),
        ("延迟期", ContrastPhase.Delayed),
        ("延迟", ContrastPhase.Delayed),
        ("延时", ContrastPhase.Delayed),
        ("平衡期", ContrastPhase.Delayed),
        ("平扫", ContrastPhase.NonContrast),
        ("非增强", ContrastPhase.NonContrast),
        ("未增强", ContrastPhase.NonContrast),
        ("无增强", ContrastPhase.NonContrast),
    ];

    // English words are matched as whole tokens (letters only) so that "ap" does not match "lap" or "apex".
    private static readonly Dictionary<string, ContrastPhase> EnglishTokens = new(StringComparer.Ordinal)
    {
        ["arterial"] = ContrastPhase.Arterial,
        ["art"] = ContrastPhase.Arterial,
        ["arteria"] = ContrastPhase.Arterial,
        ["ap"] = ContrastPhase.Arterial,
        ["hap"] = ContrastPhase.Arterial,
        ["portal"] = ContrastPhase.PortalVenous,
        ["portalvenous"] = ContrastPhase.PortalVenous,
        ["venous"] = ContrastPhase.PortalVenous,
        ["ven"] = ContrastPhase.PortalVenous,
        ["pv"] = ContrastPhase.PortalVenous,
        ["pvp"] = ContrastPhase.PortalVenous,
        ["vp"] = ContrastPhase.PortalVenous,
        ["delay"] = ContrastPhase.Delayed,
        ["delayed"] = ContrastPhase.Delayed,
        ["equilibrium"] = ContrastPhase.Delayed,
        ["plain"] = ContrastPhase.NonContrast,
        ["nc"] = ContrastPhase.NonContrast,
        ["noncontrast"] = ContrastPhase.NonContrast,
        ["unenhanced"] = ContrastPhase.NonContrast,
        ["precontrast"] = ContrastPhase.NonContrast,
        ["pre"] = ContrastPhase.NonContrast,
        ["native"] = ContrastPhase.NonContrast,
    };

    // Phrases that span tokens or punctuation: "non contrast", "w/o", "C-".
    private static readonly (string Phrase, ContrastPhase Phase)[] EnglishPhrases =
    [
        ("non contrast", ContrastPhase.NonContrast),
        ("non-contrast", ContrastPhase.NonContrast),
        ("without contrast", ContrastPhase.NonContrast),
        ("w/o", ContrastPhase.NonContrast),
        ("pre-contrast", ContrastPhase.NonContrast),
        ("portal-venous", ContrastPhase.PortalVenous),
    ];

    // Localizer images carry "AP" or "PA" for the tube position, not for a phase.
    private static readonly string[] LocalizerWords = ["topogram", "scout", "localizer", "surview", "scanogram", "定位"];

    /// <summary>
    /// Returns one hint per series, in the order given. All series should come from one exam (one
    /// StudyInstanceUID), because acquisition order is compared across them.
    /// </summary>
    public static IReadOnlyList<PhaseHint> Suggest(IReadOnlyList<SeriesPhaseAttributes> examSeries)
    {
        ArgumentNullException.ThrowIfNull(examSeries);

        var evidence = examSeries.Select(CollectSeriesEvidence).ToList();
        AddMissingAgentEvidence(examSeries, evidence);
        AddAcquisitionOrderEvidence(examSeries, evidence);

        return examSeries.Select((series, i) => Combine(series.SeriesInstanceUid, evidence[i])).ToList();
    }

    /// <summary>Parses a DICOM TM value (HHMMSS.FFFFFF, or the older HH:MM:SS) to a time of day; null when invalid.</summary>
    public static TimeSpan? ParseDicomTime(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim().Replace(":", "", StringComparison.Ordinal);
        var fractionStart = text.IndexOf('.', StringComparison.Ordinal);
        var whole = fractionStart < 0 ? text : text[..fractionStart];
        if (whole.Length is not (2 or 4 or 6) || !whole.All(char.IsAsciiDigit))
        {
            return null;
        }

        var hours = int.Parse(whole.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minutes = whole.Length >= 4 ? int.Parse(whole.AsSpan(2, 2), CultureInfo.InvariantCulture) : 0;
        var seconds = whole.Length == 6 ? int.Parse(whole.AsSpan(4, 2), CultureInfo.InvariantCulture) : 0;
        var fraction = 0.0;
        if (fractionStart >= 0 && !double.TryParse("0" + text[fractionStart..], NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out fraction))
        {
            return null;
        }

        // Seconds may be 60 in TM to allow for a leap second.
        if (hours > 23 || minutes > 59 || seconds > 60)
        {
            return null;
        }

        return new TimeSpan(hours, minutes, 0) + TimeSpan.FromSeconds(seconds + fraction);
    }

    private static List<PhaseEvidence> CollectSeriesEvidence(SeriesPhaseAttributes series)
    {
        var evidence = new List<PhaseEvidence>();
        AddWordEvidence(evidence, PhaseEvidenceKind.SeriesDescription, "SeriesDescription", series.SeriesDescription,
            DescriptionWeight);
        AddWordEvidence(evidence, PhaseEvidenceKind.ProtocolName, "ProtocolName", series.ProtocolName, ProtocolWeight);
        AddContrastEvidence(evidence, series);
        return evidence;
    }

    private static void AddWordEvidence(List<PhaseEvidence> evidence, PhaseEvidenceKind kind, string attribute,
        string? text, double weight)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        // NFKC folds full-width Latin letters and digits, which Chinese input methods produce, to ASCII.
        var normalized = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        if (LocalizerWords.Any(word => normalized.Contains(word, StringComparison.Ordinal)))
        {
            return;
        }

        foreach (var (word, phase) in FindPhaseWords(normalized))
        {
            evidence.Add(new PhaseEvidence(kind, phase, weight,
                $"{attribute} \"{text.Trim()}\" contains \"{word}\" ({phase})"));
        }
    }

    private static List<(string Word, ContrastPhase Phase)> FindPhaseWords(string normalized)
    {
        var found = new List<(string Word, ContrastPhase Phase)>();

        // Chinese: take the longest word at each position, so "门静脉期" is one match and not also "静脉".
        var remaining = normalized;
        foreach (var (word, phase) in ChineseWords)
        {
            if (remaining.Contains(word, StringComparison.Ordinal))
            {
                found.Add((word, phase));
                remaining = remaining.Replace(word, " ", StringComparison.Ordinal);
            }
        }

        foreach (var (phrase, phase) in EnglishPhrases)
        {
            if (remaining.Contains(phrase, StringComparison.Ordinal))
            {
                found.Add((phrase, phase));
                remaining = remaining.Replace(phrase, " ", StringComparison.Ordinal);
            }
        }

        if (ContainsContrastSign(remaining, '-'))
        {
            found.Add(("c-", ContrastPhase.NonContrast));
        }

        var tokens = SplitLetterTokens(remaining);
        foreach (var token in tokens.Distinct(StringComparer.Ordinal))
        {
            if (EnglishTokens.TryGetValue(token, out var phase))
            {
                found.Add((token, phase));
            }
        }

        return found;
    }

    /// <summary>True for "c-" standing alone (not the end of a longer word such as "abdomen-c-"), as in "CT C- 5mm".</summary>
    private static bool ContainsContrastSign(string text, char sign)
    {
        for (var i = 0; i + 1 < text.Length; i++)
        {
            var standsAlone = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            if (text[i] == 'c' && text[i + 1] == sign && standsAlone)
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> SplitLetterTokens(string text)
    {
        // Digits split tokens too, so "ap5mm" and "5mmart" still yield "ap" and "art".
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                current.Append(c);
                continue;
            }

            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    private static void AddContrastEvidence(List<PhaseEvidence> evidence, SeriesPhaseAttributes series)
    {
        var acquired = series.AcquisitionTime ?? series.SeriesTime;
        if (series.ContrastBolusStartTime is not { } start || acquired is not { } acquisition)
        {
            return;
        }

        var delay = acquisition - start;
        if (delay < TimeSpan.Zero)
        {
            // The exam crossed midnight.
            delay += TimeSpan.FromDays(1);
        }

        var seconds = delay.TotalSeconds;
        var (phase, weight) = seconds switch
        {
            >= 10 and < 45 => (ContrastPhase.Arterial, TimingWeight),
            >= 45 and < 100 => (ContrastPhase.PortalVenous, TimingWeight),
            >= 120 and <= 900 => (ContrastPhase.Delayed, DelayedTimingWeight),
            _ => (ContrastPhase.Unknown, 0.0),
        };
        var delayText = seconds.ToString("0", CultureInfo.InvariantCulture);
        evidence.Add(new PhaseEvidence(PhaseEvidenceKind.ContrastTiming, phase, weight, phase == ContrastPhase.Unknown
            ? $"acquired {delayText} s after ContrastBolusStartTime, outside the usual phase windows"
            : $"acquired {delayText} s after ContrastBolusStartTime ({phase})"));
    }

    private static bool RecordsContrast(SeriesPhaseAttributes series) =>
        !string.IsNullOrWhiteSpace(series.ContrastBolusAgent) || series.ContrastBolusStartTime is not null;

    /// <summary>
    /// Counts a series without contrast attributes as plain only when other series of the exam have them, because
    /// many scanners never fill them in.
    /// </summary>
    private static void AddMissingAgentEvidence(IReadOnlyList<SeriesPhaseAttributes> examSeries,
        List<List<PhaseEvidence>> evidence)
    {
        if (!examSeries.Any(RecordsContrast))
        {
            return;
        }

        for (var i = 0; i < examSeries.Count; i++)
        {
            if (!RecordsContrast(examSeries[i]))
            {
                evidence[i].Add(new PhaseEvidence(PhaseEvidenceKind.ContrastBolus, ContrastPhase.NonContrast,
                    NoAgentWeight, "no ContrastBolusAgent or ContrastBolusStartTime, which other series of the exam have"));
            }
        }
    }

    private static void AddAcquisitionOrderEvidence(IReadOnlyList<SeriesPhaseAttributes> examSeries,
        List<List<PhaseEvidence>> evidence)
    {
        // Group series by acquisition time, because one acquisition is often reconstructed at several thicknesses.
        var timed = examSeries
            .Select((series, index) => (Index: index, Time: series.AcquisitionTime ?? series.SeriesTime))
            .Where(s => s.Time is not null)
            .OrderBy(s => s.Time)
            .ToList();
        var acquisitions = new List<List<int>>();
        TimeSpan? previous = null;
        foreach (var (index, time) in timed)
        {
            if (previous is null || time!.Value - previous.Value > SameAcquisitionTolerance)
            {
                acquisitions.Add([]);
            }

            acquisitions[^1].Add(index);
            previous = time;
        }

        // Leading acquisitions named as plain scans come before contrast and are not counted.
        var skipped = 0;
        while (skipped < acquisitions.Count && acquisitions[skipped].Any(i => evidence[i].Any(e =>
                   e.Phase == ContrastPhase.NonContrast && e.Kind is PhaseEvidenceKind.SeriesDescription or PhaseEvidenceKind.ProtocolName)))
        {
            skipped++;
        }

        var enhanced = acquisitions.Skip(skipped).ToList();
        var (order, weight, assumption) = (enhanced.Count, skipped > 0) switch
        {
            (2, _) => (new[] { ContrastPhase.Arterial, ContrastPhase.PortalVenous }, 0.3, "two contrast acquisitions"),
            (3, true) => (new[] { ContrastPhase.Arterial, ContrastPhase.PortalVenous, ContrastPhase.Delayed }, 0.3,
                "three contrast acquisitions after a plain scan"),
            (3, false) => (new[] { ContrastPhase.Arterial, ContrastPhase.PortalVenous, ContrastPhase.Delayed }, 0.15,
                "three acquisitions, assumed to have no plain scan"),
            (4, false) => (new[] { ContrastPhase.NonContrast, ContrastPhase.Arterial, ContrastPhase.PortalVenous, ContrastPhase.Delayed },
                0.2, "four acquisitions, assumed plain, arterial, portal-venous, delayed"),
            _ => (Array.Empty<ContrastPhase>(), 0.0, ""),
        };

        for (var position = 0; position < order.Length; position++)
        {
            foreach (var index in enhanced[position])
            {
                evidence[index].Add(new PhaseEvidence(PhaseEvidenceKind.AcquisitionOrder, order[position], weight,
                    string.Create(CultureInfo.InvariantCulture,
                        $"acquisition {position + 1} of {assumption} ({order[position]})")));
            }
        }
    }

    private static PhaseHint Combine(string seriesInstanceUid, List<PhaseEvidence> evidence)
    {
        var scored = evidence
            .Where(e => e.Phase != ContrastPhase.Unknown && e.Weight > 0)
            .GroupBy(e => e.Phase)
            .Select(g => (Phase: g.Key, Score: g.Sum(e => e.Weight), Support: 1 - g.Aggregate(1.0, (p, e) => p * (1 - e.Weight))))
            .OrderByDescending(s => s.Score)
            .ToList();
        if (scored.Count == 0 || (scored.Count > 1 && scored[0].Score == scored[1].Score))
        {
            return new PhaseHint(seriesInstanceUid, ContrastPhase.Unknown, 0, evidence);
        }

        var total = scored.Sum(s => s.Score);
        var confidence = Math.Round(scored[0].Support * (scored[0].Score / total), 3);
        return new PhaseHint(seriesInstanceUid, scored[0].Phase, confidence, evidence);
    }
}
