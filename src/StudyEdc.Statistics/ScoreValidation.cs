using System.Globalization;
using StudyEdc.Statistics.Distributions;

namespace StudyEdc.Statistics;

/// <summary>Checks shared by every method that takes scores and reference labels.</summary>
internal static class ScoreValidation
{
    /// <summary>Throws when the spans differ in length or a score is NaN or infinite.</summary>
    public static void Validate(ReadOnlySpan<double> scores, ReadOnlySpan<bool> isPositive)
    {
        if (scores.Length != isPositive.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"There are {scores.Length} scores but {isPositive.Length} labels; pass one label per score."), nameof(isPositive));
        }

        for (var i = 0; i < scores.Length; i++)
        {
            if (!double.IsFinite(scores[i]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Score {i} is {scores[i]}; every score must be a finite number. Remove or impute it first."), nameof(scores));
            }
        }
    }

    /// <summary>Throws unless both score spans are valid against the labels and the confidence level lies in (0, 1).</summary>
    public static void ValidatePair(
        ReadOnlySpan<double> scoresA, ReadOnlySpan<double> scoresB, ReadOnlySpan<bool> isPositive, double confidenceLevel)
    {
        Validate(scoresA, isPositive);
        Validate(scoresB, isPositive);
        NormalDistribution.ValidateConfidenceLevel(confidenceLevel);
    }

    /// <summary>Returns the reason an ROC analysis is impossible (empty input or one class only), or null.</summary>
    public static NotEstimable? CheckBothClasses(int positives, int negatives)
    {
        if (positives == 0 && negatives == 0)
        {
            return new NotEstimable(NotEstimableReason.EmptyInput, "There are no observations.");
        }

        if (positives == 0)
        {
            return new NotEstimable(NotEstimableReason.NoPositives, string.Create(CultureInfo.InvariantCulture,
                $"There is no positive observation (case) among the {negatives} observations, so the ROC curve and AUC are undefined."));
        }

        if (negatives == 0)
        {
            return new NotEstimable(NotEstimableReason.NoNegatives, string.Create(CultureInfo.InvariantCulture,
                $"There is no negative observation (control) among the {positives} observations, so the ROC curve and AUC are undefined."));
        }

        return null;
    }

    /// <summary>Returns the reason a DeLong variance is undefined (fewer than 2 cases or controls), or null.</summary>
    public static NotEstimable? CheckSampleVariance(int positives, int negatives)
    {
        if (positives < 2)
        {
            return new NotEstimable(NotEstimableReason.TooFewPositives, string.Create(CultureInfo.InvariantCulture,
                $"The DeLong variance needs at least 2 positives and 2 negatives; there are {positives} positives and {negatives} negatives."));
        }

        if (negatives < 2)
        {
            return new NotEstimable(NotEstimableReason.TooFewNegatives, string.Create(CultureInfo.InvariantCulture,
                $"The DeLong variance needs at least 2 positives and 2 negatives; there are {positives} positives and {negatives} negatives."));
        }

        return null;
    }
}
