namespace StudyEdc.Demo.Tests;

/// <summary>The web host started with --demo, read over HTTP as the demo users.</summary>
public sealed class DemoWebHostTests(DemoWebHost host) : IClassFixture<DemoWebHost>
{
    [Fact]
    public async Task Participant_list_shows_the_coordinators_site()
    {
        using var client = await host.SignInAsync("wch-coordinator");

        var page = await client.GetStringAsync("participants", TestContext.Current.CancellationToken);

        Assert.Contains("WCH-0001", page, StringComparison.Ordinal);
        Assert.Contains("WCH-0002", page, StringComparison.Ordinal);
        Assert.DoesNotContain("HPH-0001", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Monitor_sees_participants_of_every_site()
    {
        using var client = await host.SignInAsync("monitor");

        var page = await client.GetStringAsync("participants", TestContext.Current.CancellationToken);

        Assert.Contains("WCH-0001", page, StringComparison.Ordinal);
        Assert.Contains("WUH-0002", page, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_prints_the_demo_accounts()
    {
        var output = host.Output;

        Assert.Contains("wch-radiologist-1", output, StringComparison.Ordinal);
        Assert.Contains("==== end of the demo accounts ====", output, StringComparison.Ordinal);
    }
}
