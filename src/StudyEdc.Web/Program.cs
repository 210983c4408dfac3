using StudyEdc.Web.Hosting;

// StudyEdc web host. `dotnet run --project src/StudyEdc.Web` serves http://localhost:5000 unless --urls sets
// another address. The first start creates and migrates the database and the bootstrap Administrator.
var app = StudyEdcWebApplication.Build(args);
await StudyEdcWebApplication.InitializeDatabaseAsync(app, app.Lifetime.ApplicationStopping);
await app.RunAsync();

/// <summary>Entry point, public so that WebApplicationFactory can start the host in tests.</summary>
public partial class Program;
