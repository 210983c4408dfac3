using Microsoft.Extensions.Localization;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Resources;
using StudyEdc.Web.Resources;

namespace StudyEdc.Web.Components.Participants;

/// <summary>
/// Localized labels for participant values. Field, sex and status names come from Core's messages, so the
/// form uses the same words as Core's validation messages.
/// </summary>
internal static class ParticipantText
{
    public static string Sex(Sex? sex) => sex is null ? "" : CoreMessages.Get($"Sex_{sex}");

    public static string Status(FormStatus status) => CoreMessages.StatusName(status);

    public static string Eligibility(IStringLocalizer<SharedResource> localizer, EligibilityStatus eligibility) =>
        localizer[$"Eligibility.{eligibility}"];
}
