using StudyEdc.Core.Resources;

namespace StudyEdc.Core;

/// <summary>The reason a user gives for a change, stored in every audit entry of that change.</summary>
internal static class ChangeReason
{
    public const int MaxLength = 1000;

    /// <summary>
    /// Returns the error for a missing (when <paramref name="required"/>) or over-long reason, or null when the
    /// reason is acceptable. <paramref name="requiredMessage"/> builds the message that says why it is required.
    /// </summary>
    public static ValidationError? Validate(string? reason, bool required, Func<string> requiredMessage)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return required ? new ValidationError("Reason", "ReasonRequired", requiredMessage()) : null;
        }

        var length = reason.Trim().Length;
        return length > MaxLength
            ? new ValidationError("Reason", "ReasonTooLong", CoreMessages.Format("ReasonTooLong", length, MaxLength))
            : null;
    }
}
