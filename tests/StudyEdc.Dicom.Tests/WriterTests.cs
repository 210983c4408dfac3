using System.Buffers.Binary;
using System.Security.Cryptography;
using StudyEdc.Dicom.IO.Writing;
using StudyEdc.Dicom.Series;
using StudyEdc.TestSupport;

namespace StudyEdc.Dicom.Tests;

public sealed class WriterTests
{
    public static TheoryData<string> RealFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in WriterRoundTrip.RealFiles())
        {
            data.Add(file);
        }

        return data;
    }

    [Fact]
    public void Written_file_has_preamble_and_meta_length()
    {
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 4, Columns = 4 }, 0);

        var bytes = DicomFileWriter.ToBytes(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        Assert.All(bytes[..128], b => Assert.Equal(0, b));
        Assert.Equal("DICM"u8.ToArray(), bytes[128..132]);
        Assert.Equal("UL"u8.ToArray(), bytes[136..138]);
        var groupLength = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
        var file = DicomFile.Parse(bytes);
        var afterGroup = 144 + (int)groupLength;
        Assert.Equal(0x0008, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(afterGroup)));
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal(SyntheticCtSeries.CtImageStorage, file.FileMeta.MediaStorageSopClassUid);
        Assert.Equal(dataset.GetString(new DicomTag(0x0008, 0x0018)), file.FileMeta.MediaStorageSopInstanceUid);
        Assert.True(file.FileMeta.HasPreamble);
    }

    [Theory]
    [MemberData(nameof(NativeSyntaxes))]
    public void Synthetic_slice_round_trips_in_native_syntax(string transferSyntaxUid)
    {
        var syntax = DicomTransferSyntax.FromUid(transferSyntaxUid);
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 16, Columns = 16 }, 3);

        var file = DicomFile.Parse(DicomFileWriter.ToBytes(dataset, syntax));

        Assert.Equal(syntax, file.TransferSyntax);
        WriterRoundTrip.AssertSameDataset(dataset, file.Dataset, compareVR: syntax.IsExplicitVR);
    }

    public static TheoryData<string> NativeSyntaxes() =>
    [
        DicomTransferSyntax.ImplicitVRLittleEndian.Uid,
        DicomTransferSyntax.ExplicitVRLittleEndian.Uid,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian.Uid,
    ];

    [Fact]
    public void Nested_sequences_round_trip()
    {
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 2, Columns = 2 }, 0);
        var inner = new DicomDataset();
        inner.SetString(new DicomTag(0x0008, 0x0100), DicomVR.SH, "113100");
        var outer = new DicomDataset();
        outer.SetString(new DicomTag(0x0008, 0x1150), DicomVR.UI, "1.2.840.10008.5.1.4.1.1.2");
        outer.AddOrUpdate(new DicomSequence(new DicomTag(0x0040, 0xA043), [inner]));
        dataset.AddOrUpdate(new DicomSequence(new DicomTag(0x0008, 0x1140), [outer, new DicomDataset()]));

        var file = DicomFile.Parse(DicomFileWriter.ToBytes(dataset, DicomTransferSyntax.ImplicitVRLittleEndian));

        var items = file.Dataset.GetItems(new DicomTag(0x0008, 0x1140));
        Assert.Equal(2, items.Count);
        Assert.Equal("113100", items[0].GetFirstItem(new DicomTag(0x0040, 0xA043))?.GetString(new DicomTag(0x0008, 0x0100)));
        Assert.Equal(0, items[1].Count);
    }

    [Fact]
    public void Writer_writes_to_non_seekable_stream()
    {
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 8, Columns = 8 }, 0);
        var expected = DicomFileWriter.ToBytes(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);
        using var sink = new MemoryStream();
        using var forwardOnly = new ForwardOnlyStream(sink, writable: true);

        DicomFileWriter.Write(forwardOnly, dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        Assert.Equal(expected, sink.ToArray());
    }

    [Fact]
    public void Encapsulated_pixel_data_with_native_syntax_is_rejected()
    {
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 2, Columns = 2 }, 0);
        dataset.AddOrUpdate(new DicomFragmentSequence(new DicomTag(0x7FE0, 0x0010), ReadOnlyMemory<byte>.Empty,
            [new byte[] { 0xFF, 0xD8, 0xFF, 0xD9 }]));

        var write = () => DicomFileWriter.ToBytes(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        var exception = Assert.Throws<DicomWriteException>(write);
        Assert.Contains("encapsulated", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dataset_without_sop_instance_uid_is_rejected()
    {
        var dataset = SyntheticCtSeries.CreateSlice(new SyntheticSeriesOptions { Rows = 2, Columns = 2 }, 0);
        dataset.Remove(new DicomTag(0x0008, 0x0018));

        var write = () => DicomFileWriter.ToBytes(dataset, DicomTransferSyntax.ExplicitVRLittleEndian);

        Assert.Throws<DicomWriteException>(write);
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Real_file_round_trips_with_equal_dataset_and_pixels(string path)
    {
        var original = DicomFile.Open(path);
        using var written = new MemoryStream();
        if (!WriterRoundTrip.HasSopUids(original))
        {
            Assert.Throws<DicomWriteException>(() => DicomFileWriter.Write(written, original));
            return;
        }

        DicomFileWriter.Write(written, original);
        written.Position = 0;
        using var forwardOnly = new ForwardOnlyStream(written, writable: false);
        var reread = DicomFile.Read(forwardOnly, path + " (rewritten)");

        WriterRoundTrip.AssertSameDataset(original.Dataset, reread.Dataset, compareVR: original.TransferSyntax.IsExplicitVR);
        Assert.Equal(WriterRoundTrip.PixelHash(original), WriterRoundTrip.PixelHash(reread));
    }

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void Real_file_rewritten_as_explicit_little_endian_keeps_pixels(string path)
    {
        var original = DicomFile.Open(path);
        if (!WriterRoundTrip.HasSopUids(original))
        {
            Assert.Throws<DicomWriteException>(() =>
                DicomFileWriter.ToBytes(original.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian, original.FileMeta.Dataset));
            return;
        }

        if (original.Dataset.Find(new DicomTag(0x7FE0, 0x0010)) is DicomFragmentSequence)
        {
            // Encapsulated pixel data cannot be written natively without decoding; that case is its own test.
            Assert.Throws<DicomWriteException>(() =>
                DicomFileWriter.ToBytes(original.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian, original.FileMeta.Dataset));
            return;
        }

        var reread = DicomFile.Parse(
            DicomFileWriter.ToBytes(original.Dataset, DicomTransferSyntax.ExplicitVRLittleEndian, original.FileMeta.Dataset));

        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, reread.TransferSyntax);
        Assert.Equal(WriterRoundTrip.PixelHash(original), WriterRoundTrip.PixelHash(reread));
    }
}

/// <summary>Helpers shared by the writer and de-identification tests.</summary>
internal static class WriterRoundTrip
{
    private static readonly Lazy<string[]> ReadableFiles = new(FindReadableFiles);

    /// <summary>
    /// The real files the round-trip tests read: every file of tests/data/dicom-series and tests/data/dicom that the
    /// reader reads and decodes (files it rejects are the reader tests' business).
    /// </summary>
    public static IEnumerable<string> RealFiles() => ReadableFiles.Value;

    private static string[] FindReadableFiles()
    {
        var folders = new[] { RepositoryPaths.TestData("dicom-series"), RepositoryPaths.TestData("dicom") };
        return folders
            .Where(Directory.Exists)
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            .Where(IsReadableDicom)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>True when the dataset or the file meta gives the SOP class and instance UIDs that a file meta needs.</summary>
    public static bool HasSopUids(DicomFile file) =>
        (!string.IsNullOrEmpty(file.Dataset.GetString(new DicomTag(0x0008, 0x0016))) || !string.IsNullOrEmpty(file.FileMeta.MediaStorageSopClassUid))
        && (!string.IsNullOrEmpty(file.Dataset.GetString(new DicomTag(0x0008, 0x0018))) || !string.IsNullOrEmpty(file.FileMeta.MediaStorageSopInstanceUid));

    public static void AssertSameDataset(DicomDataset expected, DicomDataset actual, bool compareVR)
    {
        var expectedElements = expected.Where(IsWritten).ToList();
        var actualElements = actual.ToList();
        Assert.Equal(expectedElements.Select(e => e.Tag), actualElements.Select(e => e.Tag));
        for (var i = 0; i < expectedElements.Count; i++)
        {
            AssertSameElement(expectedElements[i], actualElements[i], compareVR);
        }
    }

    /// <summary>SHA-256 of every frame's decoded stored values, or of the raw value when there are no pixel data.</summary>
    public static string PixelHash(DicomFile file)
    {
        if (!file.Dataset.Contains(new DicomTag(0x7FE0, 0x0010)))
        {
            return "no pixel data";
        }

        var pixels = file.GetPixelData();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (var frame = 0; frame < pixels.NumberOfFrames; frame++)
        {
            hash.AppendData(pixels.DecodeFrameBytes(frame));
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static bool IsWritten(DicomElement element) => element.Tag.Element != 0 && element.Tag.Group != 0x0002;

    private static void AssertSameElement(DicomElement expected, DicomElement actual, bool compareVR)
    {
        if (compareVR && !(expected.VR != DicomVR.UN && actual.VR == DicomVR.UN))
        {
            Assert.Equal(expected.VR, actual.VR);
        }

        switch (expected)
        {
            case DicomSequence sequence:
                var actualSequence = Assert.IsType<DicomSequence>(actual);
                Assert.Equal(sequence.Items.Count, actualSequence.Items.Count);
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    AssertSameDataset(sequence.Items[i], actualSequence.Items[i], compareVR);
                }

                break;
            case DicomFragmentSequence fragments:
                var actualFragments = Assert.IsType<DicomFragmentSequence>(actual);
                Assert.Equal(Padded(fragments.OffsetTable), actualFragments.OffsetTable.ToArray());
                Assert.Equal(fragments.Fragments.Select(Padded), actualFragments.Fragments.Select(f => f.ToArray()));
                break;
            default:
                Assert.True(Padded(expected.Value).AsSpan().SequenceEqual(actual.Value.Span),
                    $"value of {expected.Tag} differs after the round trip");
                break;
        }
    }

    /// <summary>The value as the writer stores it: odd lengths padded to even.</summary>
    private static byte[] Padded(ReadOnlyMemory<byte> value)
    {
        var bytes = value.ToArray();
        return bytes.Length % 2 == 0 ? bytes : [.. bytes, 0];
    }

    private static bool IsReadableDicom(string path)
    {
        if (path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            var file = DicomFile.Open(path);
            if (file.Dataset.Contains(new DicomTag(0x7FE0, 0x0010)))
            {
                PixelHash(file);
            }

            return true;
        }
        catch (DicomReadException)
        {
            return false;
        }
    }
}

/// <summary>A stream that reads or writes forward only, like a network stream: no seeking, no length.</summary>
internal sealed class ForwardOnlyStream(Stream inner, bool writable) : Stream
{
    public override bool CanRead => !writable;

    public override bool CanSeek => false;

    public override bool CanWrite => writable;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) =>
        writable ? throw new NotSupportedException() : inner.Read(buffer, offset, Math.Min(count, 4096));

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (!writable)
        {
            throw new NotSupportedException();
        }

        inner.Write(buffer, offset, count);
    }
}
