using StudyEdc.Core.Identity;

namespace StudyEdc.Core.Tests.Imaging;

/// <summary>A fresh imaging database per test, with a site coordinator of site A and one participant enrolled by them.</summary>
public abstract class ImagingTestBase : IAsyncLifetime
{
    protected ImagingTestDatabase Database { get; private set; } = default!;

    protected StudyCaller Coordinator { get; private set; } = default!;

    protected int ParticipantId { get; private set; }

    /// <summary>Configuration values on top of the test database's defaults; none unless a test class overrides it.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public async ValueTask InitializeAsync()
    {
        Database = await ImagingTestDatabase.CreateAsync(Settings);
        Coordinator = await Database.CreateCallerAsync(StudyRoles.SiteCoordinator, ImagingTestDatabase.SiteA);
        ParticipantId = await Database.EnrolAsync(Coordinator);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
