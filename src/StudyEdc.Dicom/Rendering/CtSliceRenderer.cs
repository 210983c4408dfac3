using System.Runtime.InteropServices;
using SkiaSharp;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Dicom.Rendering;

/// <summary>Renders axial HU slices through a <see cref="WindowLevel"/> to 8-bit grayscale images.</summary>
public static class CtSliceRenderer
{
    /// <summary>
    /// Maps a row-major HU image (x fastest) to gray levels, one byte per pixel in the same order.
    /// </summary>
    public static byte[] ToGray8(ReadOnlySpan<float> hu, WindowLevel window)
    {
        var gray = new byte[hu.Length];
        for (var i = 0; i < hu.Length; i++)
        {
            gray[i] = window.Apply(hu[i]);
        }

        return gray;
    }

    /// <summary>Writes slice <paramref name="sliceIndex"/> of <paramref name="volume"/> as an 8-bit grayscale PNG.</summary>
    public static void WritePng(CtVolume volume, int sliceIndex, WindowLevel window, Stream output)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentOutOfRangeException.ThrowIfNegative(sliceIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sliceIndex, volume.Depth);

        var sliceLength = volume.Width * volume.Height;
        var slice = volume.Voxels.AsSpan(sliceIndex * sliceLength, sliceLength);
        WritePng(slice, volume.Width, volume.Height, window, output);
    }

    /// <summary>Writes a row-major HU image of <paramref name="width"/> × <paramref name="height"/> as an 8-bit grayscale PNG.</summary>
    public static void WritePng(ReadOnlySpan<float> hu, int width, int height, WindowLevel window, Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (hu.Length != (long)width * height)
        {
            throw new ArgumentException(
                $"The HU image has {hu.Length} values but {width}×{height} needs {(long)width * height}.", nameof(hu));
        }

        var gray = ToGray8(hu, window);
        var info = new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque);
        var handle = GCHandle.Alloc(gray, GCHandleType.Pinned);
        try
        {
            using var pixmap = new SKPixmap(info, handle.AddrOfPinnedObject(), width);
            using var data = pixmap.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}×{height} Gray8 image as PNG.");
            data.SaveTo(output);
        }
        finally
        {
            handle.Free();
        }
    }
}
