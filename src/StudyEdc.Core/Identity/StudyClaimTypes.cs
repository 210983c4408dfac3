namespace StudyEdc.Core.Identity;

/// <summary>Claim types that StudyEdc adds to the signed-in principal.</summary>
public static class StudyClaimTypes
{
    /// <summary>The user's site id as invariant text; absent for users of all-site roles.</summary>
    public const string SiteId = "studyedc:site";
}
