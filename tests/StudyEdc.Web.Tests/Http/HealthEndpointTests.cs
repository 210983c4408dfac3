using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using StudyEdc.Inference.Queue;
using StudyEdc.Inference.Runtime;
using StudyEdc.Web.Health;
using StudyEdc.Web.Tests.Infrastructure;

namespace StudyEdc.Web.Tests.Http;

/// <summary>The anonymous health endpoints and the checks behind them.</summary>
public sealed class HealthEndpointTests : IAsyncLifetime
{
    private readonly StudyEdcWebFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Health_returns_ok_for_anonymous_caller()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(HealthEndpoints.DatabaseCheck)]
    [InlineData(HealthEndpoints.StorageCheck)]
    [InlineData(HealthEndpoints.InferenceCheck)]
    public async Task Health_reports_check_healthy(string checkName)
    {
        var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);
        using var report = JsonDocument.Parse(body);
        var check = report.RootElement.GetProperty("checks").GetProperty(checkName);

        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
        Assert.False(string.IsNullOrWhiteSpace(check.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Health_body_contains_no_connection_string()
    {
        var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);

        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Path.GetTempPath(), body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Live_returns_ok_for_anonymous_caller()
    {
        var client = _factory.CreateClient();

        var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Storage_check_fails_for_missing_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "studyedc-missing-" + Guid.NewGuid().ToString("N"));
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataDirectory"] = missing })
            .Build();
        var check = new StorageHealthCheck(configuration);

        var result = await check.CheckHealthAsync(ContextFor(check), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Inference_check_is_healthy_with_worker_disabled()
    {
        var provider = new ExecutionProviderInfo(ExecutionProviderInfo.Cpu, null, "test", "1.0", [ExecutionProviderInfo.Cpu]);
        var check = new InferenceHealthCheck(provider, Options.Create(new InferenceQueueOptions { Enabled = false }));

        var result = await check.CheckHealthAsync(ContextFor(check), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Contains("Inference:Queue:Enabled = false", result.Description, StringComparison.Ordinal);
        Assert.Contains(ExecutionProviderInfo.Cpu, result.Description, StringComparison.Ordinal);
    }

    private static HealthCheckContext ContextFor(IHealthCheck check) => new()
    {
        Registration = new HealthCheckRegistration("under-test", check, HealthStatus.Unhealthy, tags: null),
    };
}
