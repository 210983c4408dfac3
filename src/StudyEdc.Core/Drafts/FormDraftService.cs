using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;
using StudyEdc.Core.Resources;

namespace StudyEdc.Core.Drafts;

internal sealed partial class FormDraftService(StudyDbContext db, TimeProvider timeProvider) : IFormDraftService
{
    public async Task<ServiceResult<DateTime>> SaveAsync(StudyCaller caller, string formKey, int? recordId, string json, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(json);

        if (!IsValidFormKey(formKey))
        {
            return ServiceResult<DateTime>.Fail(ServiceFailure.Invalid,
                new ValidationError("formKey", "FormKeyInvalid", CoreMessages.Format("FormKeyInvalid", formKey)));
        }

        if (json.Length > IFormDraftService.MaxJsonLength)
        {
            return ServiceResult<DateTime>.Fail(ServiceFailure.Invalid,
                new ValidationError("json", "DraftTooLarge", CoreMessages.Format("DraftTooLarge", json.Length, IFormDraftService.MaxJsonLength)));
        }

        var key = recordId ?? FormDraft.NewRecordId;
        var draft = await db.FormDrafts
            .SingleOrDefaultAsync(d => d.UserId == caller.UserId && d.FormKey == formKey && d.RecordId == key, cancellationToken)
            .ConfigureAwait(false);
        if (draft is null)
        {
            draft = new FormDraft { UserId = caller.UserId, FormKey = formKey, RecordId = key };
            db.FormDrafts.Add(draft);
        }

        draft.Json = json;
        draft.SavedAtUtc = timeProvider.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return ServiceResult<DateTime>.Success(draft.SavedAtUtc);
    }

    public async Task<string?> GetAsync(StudyCaller caller, string formKey, int? recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var key = recordId ?? FormDraft.NewRecordId;
        return await db.FormDrafts.AsNoTracking()
            .Where(d => d.UserId == caller.UserId && d.FormKey == formKey && d.RecordId == key)
            .Select(d => d.Json)
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DiscardAsync(StudyCaller caller, string formKey, int? recordId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);

        var key = recordId ?? FormDraft.NewRecordId;
        await db.FormDrafts
            .Where(d => d.UserId == caller.UserId && d.FormKey == formKey && d.RecordId == key)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsValidFormKey(string? formKey) => formKey is not null && FormKeyPattern().IsMatch(formKey);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex FormKeyPattern();
}
