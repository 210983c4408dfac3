using StudyEdc.Demo;
using StudyEdc.Web.Hosting;

// StudyEdc web host. `dotnet run --project src/StudyEdc.Web` serves http://localhost:5000 unless --urls sets
// another address. The first start creates and migrates the database and the bootstrap Administrator.
// With --demo it then seeds the demo study, unless the database already holds participants.
var demoRequested = DemoStudy.IsRequested(args, out var hostArgs);
var app = StudyEdcWebApplication.Build(hostArgs);
await StudyEdcWebApplication.InitializeDatabaseAsync(app, app.Lifetime.ApplicationStopping);
if (demoRequested)
{
    await DemoStudy.SeedAsync(app.Services, Console.Out, app.Lifetime.ApplicationStopping);
}

await app.RunAsync();

/// <summary>Entry point, public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
