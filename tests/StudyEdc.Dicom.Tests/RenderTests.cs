using SkiaSharp;
using StudyEdc.Dicom.Rendering;
using StudyEdc.Dicom.Series;

namespace StudyEdc.Dicom.Tests;

public sealed class RenderTests
{
    // Expected gray levels follow PS3.3 C.11.2.1.2.1 by hand: y = ((x - (c - 0.5)) / (w - 1) + 0.5) * 255, rounded.

    [Fact]
    public void Abdomen_window_maps_its_lower_edge_to_black()
    {
        // Lower edge: c - 0.5 - (w - 1) / 2 = 40 - 0.5 - 199.5 = -160.
        var gray = WindowLevel.Abdomen.Apply(-160);

        Assert.Equal(0, gray);
    }

    [Fact]
    public void Abdomen_window_whites_above_upper_edge()
    {
        // Upper edge: c - 0.5 + (w - 1) / 2 = 239.
        var gray = WindowLevel.Abdomen.Apply(239.01);

        Assert.Equal(255, gray);
    }

    [Fact]
    public void Abdomen_window_maps_its_center_to_middle_gray()
    {
        // ((40 - 39.5) / 399 + 0.5) * 255 = 127.82.
        var gray = WindowLevel.Abdomen.Apply(40);

        Assert.Equal(128, gray);
    }

    [Fact]
    public void Liver_window_maps_liver_parenchyma_inside_its_range()
    {
        // W150/L90: ((60 - 89.5) / 149 + 0.5) * 255 = 77.01; the edges are 15 and 164 HU.
        var window = WindowLevel.Liver;

        Assert.Equal(77, window.Apply(60));
        Assert.Equal(0, window.Apply(15));
        Assert.Equal(255, window.Apply(164.5));
    }

    [Fact]
    public void Window_level_rejects_width_below_one()
    {
        Action create = () => _ = new WindowLevel(0.5, 40);

        Assert.Throws<ArgumentOutOfRangeException>(create);
    }

    [Fact]
    public void Volume_slice_png_is_windowed_gray8()
    {
        var options = new SyntheticSeriesOptions { Slices = 3, Rows = 32, Columns = 48 };
        var volume = BuildPhantomVolume(options);
        using var png = new MemoryStream();

        CtSliceRenderer.WritePng(volume, 1, WindowLevel.Abdomen, png);

        var bytes = png.ToArray();
        Assert.Equal(0x89, bytes[0]);
        Assert.Equal((byte)'P', bytes[1]);
        Assert.Equal(8, bytes[24]);
        Assert.Equal(0, bytes[25]);
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.Equal(48, bitmap.Width);
        Assert.Equal(32, bitmap.Height);
        var (liverColumn, liverRow) = FindVoxel(options, 1, hu: 60);
        Assert.Equal(WindowLevel.Abdomen.Apply(60), bitmap.GetPixel(liverColumn, liverRow).Red);
        Assert.Equal(141, bitmap.GetPixel(liverColumn, liverRow).Red);
        var (spineColumn, spineRow) = FindVoxel(options, 1, hu: 700);
        Assert.Equal(255, bitmap.GetPixel(spineColumn, spineRow).Red);
        Assert.Equal(0, bitmap.GetPixel(47, 31).Red);
    }

    [Fact]
    public void Png_of_hu_array_rejects_wrong_length()
    {
        var hu = new float[10];
        using var png = new MemoryStream();

        var write = () => CtSliceRenderer.WritePng(hu, 4, 4, WindowLevel.Liver, png);

        Assert.Throws<ArgumentException>(write);
    }

    private static CtVolume BuildPhantomVolume(SyntheticSeriesOptions options)
    {
        var voxels = new float[options.Columns * options.Rows * options.Slices];
        for (var k = 0; k < options.Slices; k++)
        {
            for (var j = 0; j < options.Rows; j++)
            {
                for (var i = 0; i < options.Columns; i++)
                {
                    voxels[i + (options.Columns * (j + (options.Rows * k)))] = SyntheticCtSeries.PhantomHu(i, j, k, options);
                }
            }
        }

        return new CtVolume(options.Columns, options.Rows, options.Slices, voxels, new Vector3D(1, 1, 1),
            default, new Vector3D(1, 0, 0), new Vector3D(0, 1, 0), new Vector3D(0, 0, 1));
    }

    private static (int Column, int Row) FindVoxel(SyntheticSeriesOptions options, int slice, float hu)
    {
        for (var j = 0; j < options.Rows; j++)
        {
            for (var i = 0; i < options.Columns; i++)
            {
                if (SyntheticCtSeries.PhantomHu(i, j, slice, options) == hu)
                {
                    return (i, j);
                }
            }
        }

        throw new InvalidOperationException($"The phantom has no voxel of {hu} HU in slice {slice}.");
    }
}
