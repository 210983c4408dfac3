using System.Globalization;

namespace StudyEdc.Demo;

/// <summary>Settings of the demo study, bound from the "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Radiologists per site: the protocol's consensus needs three readers of the lesion's site.</summary>
    public const int RadiologistsPerSite = 3;

    /// <summary>
    /// One password for every demo account (environment variable Demo__Password), so tests and scripted demos can
    /// sign in. When it is empty each account gets its own random password, printed once.
    /// </summary>
    public string? Password { get; set; }

    /// <summary>Participants enrolled at each site, from 1 to 50.</summary>
    public int ParticipantsPerSite { get; set; } = 6;

    /// <summary>Participants per site whose phantom AP/PVP exam is ingested and run through the model; at most <see cref="ParticipantsPerSite"/>.</summary>
    public int ExamsPerSite { get; set; } = 2;

    /// <summary>Throws when a value is out of range, naming the key and the allowed values.</summary>
    public void Validate()
    {
        if (ParticipantsPerSite is < 1 or > 50)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:ParticipantsPerSite = {ParticipantsPerSite} is invalid: set a whole number from 1 to 50."));
        }

        if (ExamsPerSite < 0 || ExamsPerSite > ParticipantsPerSite)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{SectionName}:ExamsPerSite = {ExamsPerSite} is invalid: set a whole number from 0 to {SectionName}:ParticipantsPerSite ({ParticipantsPerSite})."));
        }
    }
}
