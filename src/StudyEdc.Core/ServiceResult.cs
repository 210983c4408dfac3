namespace StudyEdc.Core;

/// <summary>
/// One failed rule: the field it concerns (a property name, or empty for the whole form), a stable code for
/// tests and logs, and a message localized to the current UI culture that names the value and the fix.
/// </summary>
public sealed record ValidationError(string Field, string Code, string Message);

/// <summary>
/// Outcome of a Core command. Rule violations, concurrency conflicts and access denials are returned as
/// errors, not thrown, so pages can show them next to the fields.
/// </summary>
public sealed class ServiceResult<T>
{
    private ServiceResult(T? value, IReadOnlyList<ValidationError> errors, ServiceFailure failure)
    {
        Value = value;
        Errors = errors;
        Failure = failure;
    }

    public T? Value { get; }

    public IReadOnlyList<ValidationError> Errors { get; }

    public ServiceFailure Failure { get; }

    public bool Succeeded => Failure == ServiceFailure.None;

    public static ServiceResult<T> Success(T value) => new(value, [], ServiceFailure.None);

    public static ServiceResult<T> Fail(ServiceFailure failure, params ValidationError[] errors) =>
        new(default, errors, failure);
}

/// <summary>Why a command did not take effect.</summary>
public enum ServiceFailure
{
    None,

    /// <summary>One or more rules failed; see the errors.</summary>
    Invalid,

    /// <summary>The record does not exist, or the caller's site and role do not let it be seen.</summary>
    NotFound,

    /// <summary>The caller may see the record but its role does not allow this command.</summary>
    Forbidden,

    /// <summary>Someone else saved the record after the caller loaded it.</summary>
    Conflict,

    /// <summary>The record is locked.</summary>
    Locked,
}
