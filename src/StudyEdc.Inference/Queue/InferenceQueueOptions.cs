namespace StudyEdc.Inference.Queue;

/// <summary>Settings of the inference worker, bound from the configuration section <c>Inference:Queue</c>.</summary>
public sealed class InferenceQueueOptions
{
    public const string SectionName = "Inference:Queue";

    /// <summary>Whether this process drains the queue; default true. Web instances that leave inference to others set false.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Name of this worker in the job rows; default the machine name and process id.</summary>
    public string? WorkerId { get; set; }

    /// <summary>Seconds between polls of an empty queue; default 5.</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// Seconds a claim lasts without a progress report; default 300. A job whose worker dies is claimed again once
    /// this has passed, so it must exceed the longest step (decoding both phases, or one model run).
    /// </summary>
    public double LeaseSeconds { get; set; } = 300;

    /// <summary>Seconds before a failed attempt is retried; default 30.</summary>
    public double RetryDelaySeconds { get; set; } = 30;

    internal string ResolveWorkerId() =>
        string.IsNullOrWhiteSpace(WorkerId) ? $"{Environment.MachineName}:{Environment.ProcessId}" : WorkerId.Trim();
}
