using Microsoft.JSInterop;

namespace StudyEdc.Web.Components.Pages.Imaging;

internal static class JsModules
{
    /// <summary>Disposes a JavaScript module, unless the browser is already gone and has nothing left to release.</summary>
    public static async ValueTask DisposeQuietlyAsync(IJSObjectReference? module)
    {
        if (module is null)
        {
            return;
        }

        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit ended with the browser; the module went with it.
        }
    }
}
