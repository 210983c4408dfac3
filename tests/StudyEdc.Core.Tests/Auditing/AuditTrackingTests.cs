using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core.Auditing;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Tests.Infrastructure;

namespace StudyEdc.Core.Tests;

// In the Auditing folder but the root test namespace: a StudyEdc.Core.Tests.Auditing namespace would hide
// StudyEdc.Core.Auditing from the other tests that write Auditing.AuditAction.
/// <summary>
/// A long-lived context (one per DI scope, as in a Blazor circuit or a CLI command) keeps appending to the
/// audit chain while other contexts append too.
/// </summary>
public sealed class AuditTrackingTests : SqliteTestBase
{
    [Fact]
    public async Task Second_user_saves_after_foreign_entry()
    {
        var second = await CreateUsersAroundForeignSignInAsync();

        Assert.True(second.Succeeded, string.Join(" ", second.Errors.Select(e => e.Message)));
    }

    [Fact]
    public async Task Chain_intact_after_interleaved_contexts()
    {
        await CreateUsersAroundForeignSignInAsync();

        var verification = await Database.Get<IAuditTrail>().VerifyChainAsync(TestContext.Current.CancellationToken);
        Assert.True(verification.IsIntact, verification.Problem);
    }

    /// <summary>
    /// Creates two users through one context, with a sign-in recorded by another context in between, so the
    /// first context still tracks its earlier audit entries and its last view of the chain head.
    /// </summary>
    private async Task<ServiceResult<OneTimePasswordResult>> CreateUsersAroundForeignSignInAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var administrator = await Database.CreateCallerAsync(StudyRoles.Administrator);
        await using var scope = Database.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserAdministrationService>();

        var first = await users.CreateAsync(administrator, new NewUserInput("first.monitor", "First Monitor", null, StudyRoles.Monitor, null), cancellationToken);
        Assert.True(first.Succeeded, string.Join(" ", first.Errors.Select(e => e.Message)));
        await Database.Get<IAuditTrail>().RecordSignInAsync(administrator.UserId, administrator.UserName, succeeded: true, cancellationToken);

        return await users.CreateAsync(administrator, new NewUserInput("second.monitor", "Second Monitor", null, StudyRoles.Monitor, null), cancellationToken);
    }
}
