using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Participants;

/// <summary>
/// The CRF life cycle: a coordinator (or a Principal Investigator or Administrator) completes a draft, a Monitor
/// verifies it against the source documents, a Principal Investigator or an Administrator locks it. Every step
/// back needs a reason, and so do locking and unlocking.
/// </summary>
public static class FormStatusRules
{
    /// <summary>Roles that enter and change participant data.</summary>
    public static IReadOnlyList<string> DataEntryRoles { get; } =
        [StudyRoles.SiteCoordinator, StudyRoles.PrincipalInvestigator, StudyRoles.Administrator];

    private static readonly IReadOnlyList<string> MonitorRoles = [StudyRoles.Monitor];

    private static readonly IReadOnlyList<string> LockRoles = [StudyRoles.PrincipalInvestigator, StudyRoles.Administrator];

    private static readonly IReadOnlyList<Transition> Transitions =
    [
        new(FormStatus.Draft, FormStatus.Complete, DataEntryRoles, ReasonRequired: false),
        new(FormStatus.Complete, FormStatus.Draft, DataEntryRoles, ReasonRequired: true),
        new(FormStatus.Complete, FormStatus.Verified, MonitorRoles, ReasonRequired: false),
        new(FormStatus.Verified, FormStatus.Complete, MonitorRoles, ReasonRequired: true),
        new(FormStatus.Verified, FormStatus.Locked, LockRoles, ReasonRequired: true),
        new(FormStatus.Locked, FormStatus.Verified, LockRoles, ReasonRequired: true),
    ];

    /// <summary>A permitted status change, the roles that may make it and whether it needs a reason.</summary>
    public sealed record Transition(FormStatus From, FormStatus To, IReadOnlyList<string> Roles, bool ReasonRequired);

    /// <summary>Returns the transition from <paramref name="from"/> to <paramref name="to"/>, or null when none exists.</summary>
    public static Transition? Find(FormStatus from, FormStatus to) =>
        Transitions.FirstOrDefault(t => t.From == from && t.To == to);

    /// <summary>The statuses a form in <paramref name="from"/> can move to, whoever the caller is.</summary>
    public static IReadOnlyList<FormStatus> NextStatuses(FormStatus from) =>
        Transitions.Where(t => t.From == from).Select(t => t.To).ToList();

    /// <summary>The statuses <paramref name="caller"/> may move a form in <paramref name="from"/> to, for the page's buttons.</summary>
    public static IReadOnlyList<FormStatus> AllowedFor(StudyCaller caller, FormStatus from)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return Transitions.Where(t => t.From == from && t.Roles.Any(caller.IsInRole)).Select(t => t.To).ToList();
    }

    public static bool CanEnterData(StudyCaller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);

        return DataEntryRoles.Any(caller.IsInRole);
    }
}
