using System.Globalization;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

public sealed class ParticipantServiceTests : SqliteTestBase
{
    [Fact]
    public async Task Create_assigns_site_study_ids_in_sequence()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var service = Database.Get<IParticipantService>();

        var first = await service.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);
        var second = await service.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);

        Assert.Equal("WCH-0001", first.Value!.StudyId);
        Assert.Equal("WCH-0002", second.Value!.StudyId);
    }

    [Fact]
    public async Task Create_numbers_each_site_separately()
    {
        var wch = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var hph = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "HPH");
        var service = Database.Get<IParticipantService>();

        await service.CreateAsync(wch, wch.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);
        var atHph = await service.CreateAsync(hph, hph.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);

        Assert.Equal("HPH-0001", atHph.Value!.StudyId);
    }

    [Fact]
    public async Task Concurrent_creates_get_distinct_consecutive_study_ids()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "SYH");
        const int count = 8;

        // Each enrolment runs in its own scope, like requests from different browsers.
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Task.Run(() =>
            Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken))));

        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure.ToString()));
        var ids = results.Select(r => r.Value!.StudyId).Order(StringComparer.Ordinal).ToList();
        var expected = Enumerable.Range(1, count).Select(n => string.Create(CultureInfo.InvariantCulture, $"SYH-{n:0000}")).ToList();
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task Create_advances_the_site_number_counter()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var service = Database.Get<IParticipantService>();
        await service.CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);
        var db = Database.NewContext();
        var site = await db.Sites.SingleAsync(s => s.Code == "WCH", TestContext.Current.CancellationToken);

        var next = site.NextParticipantNumber;

        Assert.Equal(2, next);
    }

    [Fact]
    public async Task Create_derives_eligible_from_a_full_checklist()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible(), TestContext.Current.CancellationToken);

        Assert.Equal(EligibilityStatus.Eligible, result.Value!.Eligibility);
        Assert.Empty(result.Value.IneligibilityReasons);
    }

    [Fact]
    public async Task Create_marks_unmet_inclusion_and_met_exclusion_ineligible_with_reasons()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var input = ParticipantInputs.Eligible() with { Age = 17, PoorImageQuality = true };

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, input, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(EligibilityStatus.Ineligible, result.Value!.Eligibility);
        Assert.Equal([IneligibilityReason.AgeOutOfRange, IneligibilityReason.PoorImageQuality], result.Value.IneligibilityReasons);
    }

    [Fact]
    public async Task Create_rejects_implausible_age_naming_field_value_and_fix()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        using var culture = new UiCulture("en");

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible() with { Age = 150 }, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        var error = Assert.Single(result.Errors);
        Assert.Equal(nameof(ParticipantInput.Age), error.Field);
        Assert.Equal("Age 150 is not a plausible age in years. Enter the age at the CT exam as a whole number from 0 to 120.", error.Message);
    }

    [Fact]
    public async Task Validation_message_is_chinese_under_zh_CN()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        using var culture = new UiCulture("zh-CN");

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible() with { Age = 150 }, TestContext.Current.CancellationToken);

        Assert.Equal("年龄 150 不是合理的年龄。请输入 CT 检查时的整岁年龄（0–120）。", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public async Task Create_rejects_a_future_ct_exam_date()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2);

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, ParticipantInputs.Eligible() with { CtExamDate = tomorrow }, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("CtExamDateInFuture", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Create_by_monitor_is_forbidden()
    {
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var siteId = await Database.SiteIdAsync("WCH");

        var result = await Database.Get<IParticipantService>().CreateAsync(monitor, siteId, ParticipantInputs.Partial(), TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Update_in_draft_needs_no_reason()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());

        var result = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Age = 64 }, created.Version, reason: null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(64, result.Value!.Values.Age);
    }

    [Fact]
    public async Task Update_with_stale_version_returns_conflict()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());
        var first = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Age = 64 }, created.Version, null, TestContext.Current.CancellationToken);

        var second = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Age = 65 }, created.Version, null, TestContext.Current.CancellationToken);

        Assert.True(first.Succeeded);
        Assert.Equal(ServiceFailure.Conflict, second.Failure);
        var stored = await Database.Get<IParticipantService>().GetAsync(coordinator, created.Id, TestContext.Current.CancellationToken);
        Assert.Equal(64, stored!.Values.Age);
    }

    [Fact]
    public async Task Update_of_complete_form_requires_reason()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var complete = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);

        var result = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Eligible() with { Age = 57 }, complete.Value!.Version, reason: " ", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("Reason", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public async Task Complete_requires_every_field()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());

        var result = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal(6, result.Errors.Count);
        Assert.Contains(result.Errors, e => e.Field == nameof(ParticipantInput.NoPriorLiverTreatment));
    }

    [Fact]
    public async Task Empty_form_is_not_enrolled()
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        using var culture = new UiCulture("en");

        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, new ParticipantInput(), TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal([nameof(ParticipantInput.Age), nameof(ParticipantInput.CtExamDate)], result.Errors.Select(e => e.Field));
        Assert.Equal("CT exam date is required before the participant is enrolled and takes a Study ID. Enter it; the other fields can follow while the form is a draft.",
            result.Errors[1].Message);
        Assert.Empty(await Database.Get<IParticipantService>().ListAsync(coordinator, new ParticipantQuery(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Draft_cannot_clear_ct_exam_date()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());

        var result = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { CtExamDate = null }, created.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("FieldRequiredToEnrol", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Status_moves_draft_complete_verified_locked_by_the_right_roles()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var investigator = await Database.CreateCallerAsync(StudyRoles.PrincipalInvestigator);

        var complete = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);
        var verified = await Database.Get<IParticipantService>().ChangeStatusAsync(monitor, created.Id, FormStatus.Verified, complete.Value!.Version, null, TestContext.Current.CancellationToken);
        var locked = await Database.Get<IParticipantService>().ChangeStatusAsync(investigator, created.Id, FormStatus.Locked, verified.Value!.Version, "Database lock for the interim analysis", TestContext.Current.CancellationToken);

        Assert.Equal(FormStatus.Complete, complete.Value.Status);
        Assert.Equal(FormStatus.Verified, verified.Value.Status);
        Assert.Equal(FormStatus.Locked, locked.Value!.Status);
    }

    [Fact]
    public async Task Coordinator_cannot_verify()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var complete = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);

        var result = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Verified, complete.Value!.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Forbidden, result.Failure);
    }

    [Fact]
    public async Task Draft_cannot_jump_to_locked()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        var result = await Database.Get<IParticipantService>().ChangeStatusAsync(administrator, created.Id, FormStatus.Locked, created.Version, "lock", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("StatusTransitionInvalid", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Lock_requires_reason()
    {
        var created = await VerifiedParticipantAsync();
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);

        var result = await Database.Get<IParticipantService>().ChangeStatusAsync(administrator, created.Id, FormStatus.Locked, created.Version, null, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Invalid, result.Failure);
        Assert.Equal("ReasonRequired", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Locked_form_rejects_edits()
    {
        var created = await VerifiedParticipantAsync();
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        var locked = await Database.Get<IParticipantService>().ChangeStatusAsync(administrator, created.Id, FormStatus.Locked, created.Version, "Final lock", TestContext.Current.CancellationToken);

        var result = await Database.Get<IParticipantService>().UpdateAsync(administrator, created.Id, ParticipantInputs.Eligible() with { Age = 70 }, locked.Value!.Version, "Correction", TestContext.Current.CancellationToken);

        Assert.Equal(ServiceFailure.Locked, result.Failure);
    }

    [Fact]
    public async Task Unlock_by_investigator_with_reason_returns_to_verified()
    {
        var created = await VerifiedParticipantAsync();
        var investigator = await Database.CreateCallerAsync(StudyRoles.PrincipalInvestigator);
        var locked = await Database.Get<IParticipantService>().ChangeStatusAsync(investigator, created.Id, FormStatus.Locked, created.Version, "Lock", TestContext.Current.CancellationToken);

        var unlocked = await Database.Get<IParticipantService>().ChangeStatusAsync(investigator, created.Id, FormStatus.Verified, locked.Value!.Version, "Query from the monitor on the CT date", TestContext.Current.CancellationToken);

        Assert.Equal(FormStatus.Verified, unlocked.Value!.Status);
    }

    [Fact]
    public async Task Editing_verified_form_returns_it_to_complete()
    {
        var created = await VerifiedParticipantAsync();
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");

        var result = await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Eligible() with { Age = 58 }, created.Version, "Age corrected from the ID card", TestContext.Current.CancellationToken);

        Assert.Equal(FormStatus.Complete, result.Value!.Status);
    }

    [Fact]
    public async Task Update_writes_one_audit_entry_per_changed_field_with_reason()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var complete = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);

        await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Eligible() with { Age = 57, Sex = Sex.Male }, complete.Value!.Version, "Transcription error", TestContext.Current.CancellationToken);

        var entries = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);
        var updates = entries.Where(e => e.Action == AuditAction.Update).ToList();
        Assert.Equal(2, updates.Count);
        var age = Assert.Single(updates, e => e.Field == nameof(Participant.Age));
        Assert.Equal("56", age.OldValue);
        Assert.Equal("57", age.NewValue);
        Assert.Equal("Transcription error", age.Reason);
        Assert.Equal(coordinator.UserName, age.UserName);
    }

    [Fact]
    public async Task Create_audits_only_fields_with_a_value()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());

        var entries = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);

        Assert.All(entries, e => Assert.Equal(AuditAction.Create, e.Action));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.NewValue), $"{e.Field} was audited without a value"));
        Assert.Equal(created.StudyId, Assert.Single(entries, e => e.Field == nameof(Participant.StudyId)).NewValue);
        Assert.Equal("Male", Assert.Single(entries, e => e.Field == nameof(Participant.Sex)).NewValue);
        Assert.DoesNotContain(entries, e => e.Field == nameof(Participant.NoPriorLiverTreatment));
        Assert.DoesNotContain(entries, e => e.Field == nameof(Participant.IneligibilityReasons));
    }

    [Fact]
    public async Task Clearing_a_field_audits_null_as_new_value()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());

        await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial() with { Sex = null }, created.Version, null, TestContext.Current.CancellationToken);

        var entries = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);
        var cleared = Assert.Single(entries, e => e.Action == AuditAction.Update && e.Field == nameof(Participant.Sex));
        Assert.Equal("Male", cleared.OldValue);
        Assert.Null(cleared.NewValue);
    }

    [Fact]
    public async Task Status_change_is_audited_as_status_change()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());

        await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);

        var entries = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);
        var change = Assert.Single(entries, e => e.Action == AuditAction.StatusChange);
        Assert.Equal("Draft", change.OldValue);
        Assert.Equal("Complete", change.NewValue);
    }

    [Fact]
    public async Task Unchanged_update_writes_no_audit_entry()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Partial());
        var before = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);

        await Database.Get<IParticipantService>().UpdateAsync(coordinator, created.Id, ParticipantInputs.Partial(), created.Version, null, TestContext.Current.CancellationToken);

        var after = await Database.Get<IAuditTrail>().ListForParticipantAsync(coordinator, created.Id, TestContext.Current.CancellationToken);
        Assert.Equal(before.Count, after.Count);
    }

    private async Task<(StudyCaller Coordinator, ParticipantDetail Created)> EnrolAsync(ParticipantInput input)
    {
        var coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, "WCH");
        var result = await Database.Get<IParticipantService>().CreateAsync(coordinator, coordinator.SiteId!.Value, input, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Message)));
        return (coordinator, result.Value!);
    }

    private async Task<ParticipantDetail> VerifiedParticipantAsync()
    {
        var (coordinator, created) = await EnrolAsync(ParticipantInputs.Eligible());
        var monitor = await Database.CreateCallerAsync(StudyRoles.Monitor);
        var complete = await Database.Get<IParticipantService>().ChangeStatusAsync(coordinator, created.Id, FormStatus.Complete, created.Version, null, TestContext.Current.CancellationToken);
        var verified = await Database.Get<IParticipantService>().ChangeStatusAsync(monitor, created.Id, FormStatus.Verified, complete.Value!.Version, null, TestContext.Current.CancellationToken);
        return verified.Value!;
    }
}
