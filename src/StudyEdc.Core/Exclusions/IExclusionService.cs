using StudyEdc.Core.Identity;
using StudyEdc.Core.Participants;

namespace StudyEdc.Core.Exclusions;

/// <summary>Protocol exclusions of participants; scoped by <see cref="StudyCaller"/> and audited.</summary>
public interface IExclusionService
{
    Task<IReadOnlyList<ExclusionDetail>> ListAsync(StudyCaller caller, int participantId, CancellationToken cancellationToken = default);

    /// <summary>Records an exclusion; it is saved complete, since every field is required.</summary>
    Task<ServiceResult<ExclusionDetail>> RecordAsync(StudyCaller caller, int participantId, ExclusionInput input, CancellationToken cancellationToken = default);

    /// <summary>Corrects an exclusion; a reason is always required.</summary>
    Task<ServiceResult<ExclusionDetail>> UpdateAsync(StudyCaller caller, int exclusionId, ExclusionInput input, Guid expectedVersion, string? reason, CancellationToken cancellationToken = default);
}

public sealed record ExclusionInput(ExclusionCriterion? Criterion, string? Details, DateOnly? ExclusionDate);

public sealed record ExclusionDetail(int Id, int ParticipantId, ExclusionInput Values, FormStatus Status, DateTime UpdatedAtUtc, Guid Version);
