using System.Globalization;
using Bunit;
using StudyEdc.Core.Identity;
using StudyEdc.Web.Components.Participants;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Participants;

/// <summary>The participant's audit page shows stored values in the reader's language.</summary>
public sealed class ParticipantAuditTests : StudyPageContext
{
    [Fact]
    public async Task Chinese_audit_shows_labels_not_stored_values()
    {
        await SignInAsync("coordinator.audit", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");

        var page = Render<ParticipantAudit>(parameters => parameters.Add(p => p.ParticipantId, participantId));

        page.WaitForAssertion(() => page.Find("[data-testid=audit-table]"));
        var cells = page.FindAll("td").Select(cell => cell.TextContent.Trim()).ToList();
        Assert.Contains("女", cells);
        Assert.Contains("草稿", cells);
        Assert.Contains(Sites[0].Code, cells);
        Assert.DoesNotContain("Female", cells);
        Assert.DoesNotContain("Draft", cells);
        Assert.DoesNotContain(Sites[0].Id.ToString(CultureInfo.InvariantCulture), cells);
    }

    [Fact]
    public async Task New_participant_audits_only_filled_fields()
    {
        await SignInAsync("coordinator.filled", StudyRoles.SiteCoordinator, Sites[0].Id);
        var participantId = await EnrolAsync(Sites[0].Id);

        var page = Render<ParticipantAudit>(parameters => parameters.Add(p => p.ParticipantId, participantId));

        page.WaitForAssertion(() => page.Find("[data-testid=audit-table]"));
        var fields = page.FindAll("tbody tr").Select(row => row.Children[3].TextContent.Trim()).ToList();
        Assert.Contains(Core.Resources.CoreMessages.FieldLabel("Age"), fields);
        Assert.DoesNotContain(Core.Resources.CoreMessages.FieldLabel("PoorImageQuality"), fields);
    }
}
