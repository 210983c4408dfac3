using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using StudyEdc.Core;
using StudyEdc.Core.Data;
using StudyEdc.Core.Identity;

namespace StudyEdc.Demo;

/// <summary>
/// Runs the seed's Core calls, each in its own service scope as one web request would, so every call reads what the
/// previous ones committed and nothing stays tracked between them.
/// </summary>
internal sealed class DemoSession(IServiceProvider services, CancellationToken cancellationToken)
{
    public CancellationToken CancellationToken => cancellationToken;

    /// <summary>Runs one Core command and returns its value; a rejected command throws <see cref="DemoSeedException"/> naming the step.</summary>
    public async Task<T> RunAsync<TService, T>(string step, Func<TService, CancellationToken, Task<ServiceResult<T>>> command)
        where TService : notnull
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var result = await command(scope.ServiceProvider.GetRequiredService<TService>(), cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                var errors = string.Join(" ", result.Errors.Select(e => $"[{e.Field}] {e.Code}: {e.Message}"));
                throw new DemoSeedException($"Demo seed step '{step}' was rejected ({result.Failure}). {errors}");
            }

            return result.Value!;
        }
    }

    /// <summary>Runs one read-only Core call.</summary>
    public async Task<T> QueryAsync<TService, T>(Func<TService, CancellationToken, Task<T>> query)
        where TService : notnull
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await query(scope.ServiceProvider.GetRequiredService<TService>(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns the caller of an active user, as the web host builds it for a signed-in request.</summary>
    public async Task<StudyCaller> CallerAsync(string userId) =>
        await QueryAsync<StudyCallerFactory, StudyCaller?>((factory, token) => factory.FromUserIdAsync(userId, token)).ConfigureAwait(false)
        ?? throw new DemoSeedException($"User {userId} was not found or is deactivated right after the demo seed created it.");

    /// <summary>Returns the caller of the active user named <paramref name="userName"/>, or null when there is none.</summary>
    public async Task<StudyCaller?> FindCallerAsync(string userName)
    {
        var normalized = userName.ToUpperInvariant();
        var userId = await QueryAsync<StudyDbContext, string?>((db, token) => db.Users.AsNoTracking()
            .Where(u => u.NormalizedUserName == normalized).Select(u => u.Id).SingleOrDefaultAsync(token)).ConfigureAwait(false);
        return userId is null
            ? null
            : await QueryAsync<StudyCallerFactory, StudyCaller?>((factory, token) => factory.FromUserIdAsync(userId, token)).ConfigureAwait(false);
    }
}
