using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace StudyEdc.Core.Data;

/// <summary>Marks every DateTime read from the database as UTC, whatever the provider returns.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    value => value,
    value => DateTime.SpecifyKind(value, DateTimeKind.Utc));
