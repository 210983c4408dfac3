using System.Reflection;
using System.Runtime.InteropServices;

namespace StudyEdc.Dicom.Codecs;

/// <summary>
/// Loads the native codec libraries from Debian packages at first use: CharLS 2 (package libcharls2) for JPEG-LS
/// and OpenJPEG 2 (package libopenjp2-7) for JPEG 2000 and HTJ2K. A missing library surfaces as
/// <see cref="DllNotFoundException"/>, which the codecs turn into an error naming the transfer syntax and package.
/// </summary>
internal static class NativeCodecLibraries
{
    public const string CharLS = "libcharls.so.2";
    public const string OpenJpeg = "libopenjp2.so.7";

    private static readonly Dictionary<string, string> Overrides = new(StringComparer.Ordinal);
    private static readonly HashSet<string> Loaded = new(StringComparer.Ordinal);
    private static int _resolverInstalled;

    /// <summary>Makes the library <paramref name="name"/> load from <paramref name="replacement"/> instead, for tests
    /// that check the error when a library is missing. Takes effect only before the library's first use.</summary>
    internal static void Override(string name, string replacement)
    {
        lock (Overrides)
        {
            Overrides[name] = replacement;
        }
    }

    /// <summary>Throws <see cref="DllNotFoundException"/> unless the library (or its override) can be loaded.</summary>
    public static void Require(string name)
    {
        EnsureResolver();
        string target;
        lock (Overrides)
        {
            target = Overrides.GetValueOrDefault(name, name);
            if (Loaded.Contains(target))
            {
                return;
            }
        }

        if (!NativeLibrary.TryLoad(target, typeof(NativeCodecLibraries).Assembly, null, out _))
        {
            throw new DllNotFoundException($"Unable to load shared library '{target}'.");
        }

        lock (Overrides)
        {
            Loaded.Add(target);
        }
    }

    /// <summary>Removes an override set by <see cref="Override"/>.</summary>
    internal static void ClearOverride(string name)
    {
        lock (Overrides)
        {
            Overrides.Remove(name);
        }
    }

    public static void EnsureResolver()
    {
        if (Interlocked.Exchange(ref _resolverInstalled, 1) == 0)
        {
            NativeLibrary.SetDllImportResolver(typeof(NativeCodecLibraries).Assembly, Resolve);
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        string? replacement;
        lock (Overrides)
        {
            Overrides.TryGetValue(libraryName, out replacement);
        }

        if (replacement is null)
        {
            return IntPtr.Zero;
        }

        return NativeLibrary.TryLoad(replacement, assembly, searchPath, out var handle)
            ? handle
            : throw new DllNotFoundException($"Unable to load shared library '{replacement}' in place of '{libraryName}'.");
    }
}
