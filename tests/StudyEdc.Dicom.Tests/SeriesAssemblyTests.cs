using StudyEdc.Dicom.IO.Writing;
using StudyEdc.Dicom.Series;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class SeriesAssemblyTests
{
    [Fact]
    public void Shuffled_file_names_are_ordered_by_position()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 12, ShuffleFileNames = true, Seed = 7 };
        SyntheticCtSeries.Write(folder.Path, options);

        var result = AssembleOnly(folder.Path);

        var volume = Assert.IsType<CtVolume>(result.Volume);
        Assert.Equal(12, volume.Depth);
        for (var k = 0; k < volume.Depth; k++)
        {
            Assert.Equal(SyntheticCtSeries.PhantomHu(0, 0, k, options), volume[0, 0, k]);
        }

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Volume_holds_hounsfield_units_and_geometry()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 6, Rows = 40, Columns = 50, PixelSpacing = 0.7, SliceSpacing = 2.5 };
        SyntheticCtSeries.Write(folder.Path, options);

        var volume = AssembleOnly(folder.Path).Volume!;

        Assert.Equal((50, 40, 6), (volume.Width, volume.Height, volume.Depth));
        Assert.Equal(new Vector3D(0.7, 0.7, 2.5), volume.Spacing);
        Assert.Equal(options.Origin, volume.Origin);
        Assert.Equal(new Vector3D(0, 0, 1), volume.SliceDirection);
        for (var k = 0; k < options.Slices; k++)
        {
            for (var j = 0; j < options.Rows; j++)
            {
                for (var i = 0; i < options.Columns; i++)
                {
                    Assert.Equal(SyntheticCtSeries.PhantomHu(i, j, k, options), volume[i, j, k]);
                }
            }
        }
    }

    [Fact]
    public void Missing_slice_is_reported_with_its_neighbours()
    {
        using var folder = new SeriesTestFolder();
        SyntheticCtSeries.Write(folder.Path, new SyntheticSeriesOptions { Slices = 10, OmittedSlices = new HashSet<int> { 6 } });

        var result = AssembleOnly(folder.Path);

        var problem = Assert.Single(result.Problems);
        Assert.Equal(SeriesProblemKind.MissingSlices, problem.Kind);
        Assert.Equal(SeriesProblemSeverity.Warning, problem.Severity);
        Assert.Equal([6, 8], problem.Slices.Select(s => s.InstanceNumber!.Value));
        Assert.Contains("about 1 slice(s) missing", problem.Description, StringComparison.Ordinal);
        Assert.Equal(9, result.Volume!.Depth);
    }

    [Fact]
    public void Uneven_spacing_is_reported_for_both_gaps()
    {
        using var folder = new SeriesTestFolder();
        SyntheticCtSeries.Write(folder.Path, new SyntheticSeriesOptions
        {
            Slices = 10,
            PositionOffsets = new Dictionary<int, double> { [4] = 0.4 },
        });

        var result = AssembleOnly(folder.Path);

        Assert.Equal(2, result.Problems.Count);
        Assert.All(result.Problems, p => Assert.Equal(SeriesProblemKind.UnevenSpacing, p.Kind));
        Assert.Equal([4, 5], result.Problems[0].Slices.Select(s => s.InstanceNumber!.Value));
        Assert.Equal([5, 6], result.Problems[1].Slices.Select(s => s.InstanceNumber!.Value));
    }

    [Fact]
    public void Two_instances_at_one_position_stop_assembly()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 5 };
        SyntheticCtSeries.Write(folder.Path, options);
        var second = SyntheticCtSeries.CreateSlice(options, 2);
        second.SetString(new DicomTag(0x0008, 0x0018), DicomVR.UI, "2.25.1234");
        second.SetString(new DicomTag(0x0020, 0x0013), DicomVR.IS, "99");
        DicomFileWriter.Write(folder.Combine("other-reconstruction.dcm"), second, DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = AssembleOnly(folder.Path);

        Assert.Null(result.Volume);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(SeriesProblemKind.DuplicatePosition, problem.Kind);
        Assert.Equal([3, 99], problem.Slices.Select(s => s.InstanceNumber!.Value).Order());
    }

    [Fact]
    public void Copied_file_is_left_out_with_a_warning()
    {
        using var folder = new SeriesTestFolder();
        var paths = SyntheticCtSeries.Write(folder.Path, new SyntheticSeriesOptions { Slices = 5 });
        File.Copy(paths[1], folder.Combine("copy-of-slice-2.dcm"));

        var result = AssembleOnly(folder.Path);

        Assert.Equal(5, result.Volume!.Depth);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(SeriesProblemKind.DuplicateInstance, problem.Kind);
    }

    [Fact]
    public void Mixed_orientation_stops_assembly()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 5 };
        SyntheticCtSeries.Write(folder.Path, options);
        var tilted = SyntheticCtSeries.CreateSlice(options, 2);
        tilted.SetString(new DicomTag(0x0020, 0x0037), DicomVR.DS, @"1\0\0\0\0.9659258\-0.2588190");
        DicomFileWriter.Write(folder.Combine("IM00002.dcm"), tilted, DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = AssembleOnly(folder.Path);

        Assert.Null(result.Volume);
        Assert.Equal(SeriesProblemKind.MixedOrientation, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Mixed_size_stops_assembly()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 5 };
        SyntheticCtSeries.Write(folder.Path, options);
        var larger = SyntheticCtSeries.CreateSlice(options with { Rows = 80 }, 3);
        DicomFileWriter.Write(folder.Combine("IM00003.dcm"), larger, DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = AssembleOnly(folder.Path);

        Assert.Null(result.Volume);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(SeriesProblemKind.MixedSize, problem.Kind);
        Assert.Equal(4, Assert.Single(problem.Slices).InstanceNumber);
    }

    [Fact]
    public void Slice_without_position_stops_assembly()
    {
        using var folder = new SeriesTestFolder();
        var options = new SyntheticSeriesOptions { Slices = 4 };
        SyntheticCtSeries.Write(folder.Path, options);
        var unplaced = SyntheticCtSeries.CreateSlice(options, 1);
        unplaced.Remove(new DicomTag(0x0020, 0x0032));
        DicomFileWriter.Write(folder.Combine("IM00001.dcm"), unplaced, DicomTransferSyntax.ExplicitVRLittleEndian);

        var result = AssembleOnly(folder.Path);

        Assert.Null(result.Volume);
        Assert.Equal(SeriesProblemKind.MissingGeometry, Assert.Single(result.Problems).Kind);
    }

    [Fact]
    public void Scan_groups_series_and_skips_non_dicom()
    {
        using var folder = new SeriesTestFolder();
        SyntheticCtSeries.Write(folder.Combine("a"), new SyntheticSeriesOptions { Slices = 3, Seed = 1 });
        SyntheticCtSeries.Write(folder.Combine("b"), new SyntheticSeriesOptions { Slices = 4, Seed = 2 });
        File.WriteAllText(folder.Combine("notes.txt"), "not a DICOM file");

        var scan = DicomSeriesScanner.Scan([folder.Path], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([3, 4], scan.Series.Select(s => s.Slices.Count).Order());
        var skipped = Assert.Single(scan.Skipped);
        Assert.EndsWith("notes.txt", skipped.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Real_liver_series_matches_decoded_files()
    {
        var folder = RepositoryPaths.TestData("dicom-series", "ct-3slice");

        var volume = AssembleOnly(folder).Volume!;

        Assert.Equal(3, volume.Depth);
        Assert.Equal(1.0, volume.Spacing.Z, 4);
        Assert.Equal(-128.690002, volume.Origin.Z, 4);
        var lowest = DicomFile.Open(Path.Combine(folder, "03.dcm")).GetPixelData().DecodeFrameRescaled(0);
        Assert.Equal(lowest, volume.Voxels.AsSpan(0, 512 * 512).ToArray());
    }

    [Fact]
    public void Real_reversed_series_is_ordered_by_normal()
    {
        var result = AssembleOnly(RepositoryPaths.TestData("dicom-series", "CT5N"));

        Assert.Empty(result.Problems);
        Assert.Equal(5, result.Volume!.Depth);
        Assert.Equal(2.5, result.Volume.Spacing.Z, 4);
        Assert.Equal(-1.2375, result.Volume.Origin.Z, 4);
    }

    [Fact]
    public void Real_series_with_large_gap_reports_missing_slices()
    {
        var result = AssembleOnly(RepositoryPaths.TestData("dicom-series", "CT2-gap"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(SeriesProblemKind.MissingSlices, problem.Kind);
        Assert.Equal([18, 180], problem.Slices.Select(s => s.InstanceNumber!.Value));
    }

    [Fact]
    public void Enhanced_multiframe_matches_single_frames()
    {
        var single = AssembleOnly(RepositoryPaths.TestData("dicom-series", "24x38x3", "image")).Volume!;

        var multi = AssembleOnly(RepositoryPaths.TestData("dicom-series", "24x38x3", "multiframe")).Volume!;

        Assert.Equal(single.Voxels, multi.Voxels);
        Assert.Equal(single.Origin, multi.Origin);
        Assert.Equal(single.Spacing, multi.Spacing);
        Assert.Equal(3, multi.Depth);
    }

    private static SeriesAssemblyResult AssembleOnly(string folder)
    {
        var scan = DicomSeriesScanner.Scan([folder], cancellationToken: TestContext.Current.CancellationToken);
        Assert.Empty(scan.Skipped);
        var series = Assert.Single(scan.Series);
        return SeriesAssembler.Assemble(series, cancellationToken: TestContext.Current.CancellationToken);
    }
}
