var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "StudyEdc");
await app.RunAsync();
