using Microsoft.AspNetCore.Components.Authorization;
using StudyEdc.Core.Identity;

namespace StudyEdc.Web.Identity;

/// <summary>
/// Runs one Core operation for the signed-in user in its own DI scope. A circuit lives for many minutes and
/// its events may overlap (an autosave while the user presses Save), and a DbContext allows one operation at
/// a time, so pages never use the circuit's scoped DbContext directly.
/// </summary>
internal sealed class StudyOperations(IServiceScopeFactory scopeFactory, AuthenticationStateProvider authenticationStateProvider)
{
    /// <exception cref="InvalidOperationException">Nobody is signed in, or the user was deactivated.</exception>
    public async Task<TResult> RunAsync<TService, TResult>(
        Func<TService, StudyCaller, Task<TResult>> operation, CancellationToken cancellationToken = default)
        where TService : notnull
    {
        ArgumentNullException.ThrowIfNull(operation);

        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        await using var scope = scopeFactory.CreateAsyncScope();
        var caller = await scope.ServiceProvider.GetRequiredService<StudyCallerFactory>()
                .FromPrincipalAsync(state.User, cancellationToken)
            ?? throw new InvalidOperationException("No active signed-in user: sign in again.");
        return await operation(scope.ServiceProvider.GetRequiredService<TService>(), caller);
    }

    /// <summary>Returns the signed-in user with roles and site read from the database, or null.</summary>
    public async Task<StudyCaller?> GetCallerAsync(CancellationToken cancellationToken = default)
    {
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<StudyCallerFactory>().FromPrincipalAsync(state.User, cancellationToken);
    }
}
