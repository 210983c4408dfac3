using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace StudyEdc.Inference.Queue;

/// <summary>
/// Hosted service that drains the inference queue: one job at a time, each in its own service scope, polling when
/// the queue is empty. Jobs live in the database, so a restart loses nothing: a job whose worker stopped mid-run
/// is claimed again when its lease expires.
/// </summary>
public sealed partial class InferenceQueueWorker(
    IServiceScopeFactory scopes,
    IOptions<InferenceQueueOptions> options,
    ILogger<InferenceQueueWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        var workerId = options.Value.ResolveWorkerId();
        LogStarted(logger, workerId);
        var pollInterval = TimeSpan.FromSeconds(options.Value.PollIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            bool processed;
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var processor = scope.ServiceProvider.GetRequiredService<InferenceJobProcessor>();
                    processed = await processor.ProcessNextAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The worker must outlive a database outage; the error is logged and the poll retried.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogPollFailed(logger, exception);
                processed = false;
            }

            if (!processed)
            {
                try
                {
                    await Task.Delay(pollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        LogStopped(logger);
    }

    [LoggerMessage(EventId = 5110, Level = LogLevel.Information, Message = "Inference worker {WorkerId} started")]
    private static partial void LogStarted(ILogger logger, string workerId);

    [LoggerMessage(EventId = 5111, Level = LogLevel.Information, Message = "Inference worker stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 5112, Level = LogLevel.Information, Message = "Inference worker disabled by Inference:Queue:Enabled = false")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 5113, Level = LogLevel.Error, Message = "Inference worker could not poll the queue; it retries after the poll interval")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);
}
