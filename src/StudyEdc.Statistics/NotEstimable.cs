namespace StudyEdc.Statistics;

/// <summary>Why a statistic could not be computed from the data it was given.</summary>
public enum NotEstimableReason
{
    /// <summary>No observations at all, for example a site without data.</summary>
    EmptyInput,

    /// <summary>No positive observation (case), so sensitivity and the ROC curve are undefined.</summary>
    NoPositives,

    /// <summary>No negative observation (control), so specificity and the ROC curve are undefined.</summary>
    NoNegatives,

    /// <summary>Fewer than two positives: a sample variance over the cases is undefined.</summary>
    TooFewPositives,

    /// <summary>Fewer than two negatives: a sample variance over the controls is undefined.</summary>
    TooFewNegatives,

    /// <summary>Fewer than two clusters contain a positive unit, so the clustered variance is undefined.</summary>
    TooFewClustersWithPositive,

    /// <summary>Fewer than two clusters contain a negative unit, so the clustered variance is undefined.</summary>
    TooFewClustersWithNegative,

    /// <summary>A proportion whose denominator is zero.</summary>
    ZeroDenominator,

    /// <summary>The variance of a difference of AUCs is zero, so no Z statistic exists.</summary>
    ZeroVarianceOfDifference,

    /// <summary>Fewer than two subjects, or no variation in the ratings at all, so kappa is undefined.</summary>
    NoRatingVariation,
}

/// <summary>An explicit "not estimable" outcome: the reason as an enum and a sentence for logs and the command line.</summary>
/// <param name="Reason">The machine-readable reason.</param>
/// <param name="Message">An English sentence that names the counts involved.</param>
public sealed record NotEstimable(NotEstimableReason Reason, string Message);

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Lower">The lower bound.</param>
/// <param name="Upper">The upper bound.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper)
{
    /// <summary>Returns this interval clipped to [0, 1], as pROC reports AUC intervals.</summary>
    public ConfidenceInterval ClipToUnitInterval() => new(Math.Clamp(Lower, 0.0, 1.0), Math.Clamp(Upper, 0.0, 1.0));

    internal static ConfidenceInterval Around(double estimate, double halfWidth) =>
        new(estimate - halfWidth, estimate + halfWidth);
}
