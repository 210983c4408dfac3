using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace StudyEdc.Dicom.IO.Writing;

/// <summary>
/// Writes DICOM Part 10 files: a 128-byte preamble, "DICM" and the File Meta Information group (explicit VR little
/// endian, with its group length), then the dataset. The dataset is written in implicit VR little endian, explicit VR
/// little endian, deflated explicit VR little endian, or an encapsulated transfer syntax whose compressed fragments
/// are kept as they are. The output stream is written front to back only, so it need not be seekable.
/// </summary>
/// <remarks>
/// Sequences and items are written with undefined length and delimitation items, which every transfer syntax
/// allows, so no length has to be computed ahead. Group length elements (gggg,0000) outside group 0002 are retired
/// and would be wrong once values change, so they are left out. A value of odd length is padded to even length with
/// the VR's padding byte.
/// </remarks>
public static class DicomFileWriter
{
    /// <summary>Identifies files written by StudyEdc (PS3.7 D.3.3.2): a UUID-derived UID under the 2.25 root.</summary>
    public const string ImplementationClassUid = "2.25.216436955313409874542766104219307312453";

    /// <summary>Implementation version name written in the file meta (at most 16 characters).</summary>
    public const string ImplementationVersionName = "STUDYEDC_1";

    private const uint UndefinedLength = 0xFFFF_FFFF;

    private static readonly DicomTag SopClassUidTag = new(0x0008, 0x0016);
    private static readonly DicomTag SopInstanceUidTag = new(0x0008, 0x0018);

    // File meta elements the writer sets itself; the others are copied from the source file meta when given.
    private static readonly DicomTag FileMetaGroupLengthTag = new(0x0002, 0x0000);
    private static readonly DicomTag FileMetaVersionTag = new(0x0002, 0x0001);
    private static readonly DicomTag MediaStorageSopClassUidTag = new(0x0002, 0x0002);
    private static readonly DicomTag MediaStorageSopInstanceUidTag = new(0x0002, 0x0003);
    private static readonly DicomTag TransferSyntaxUidTag = new(0x0002, 0x0010);
    private static readonly DicomTag ImplementationClassUidTag = new(0x0002, 0x0012);
    private static readonly DicomTag ImplementationVersionNameTag = new(0x0002, 0x0013);

    /// <summary>Writes a Part 10 file to <paramref name="path"/>, replacing any file there.</summary>
    public static void Write(string path, DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomDataset? sourceFileMeta = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        Write(file, dataset, transferSyntax, sourceFileMeta);
    }

    /// <summary>
    /// Writes a file that was read, in its own transfer syntax. A big-endian file is written as explicit VR little
    /// endian, because the reader converts its values to little-endian order.
    /// </summary>
    public static void Write(Stream output, DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var syntax = file.TransferSyntax.IsBigEndian ? DicomTransferSyntax.ExplicitVRLittleEndian : file.TransferSyntax;
        Write(output, file.Dataset, syntax, file.FileMeta.Dataset);
    }

    /// <summary>
    /// Writes <paramref name="dataset"/> as a Part 10 file. MediaStorageSOPClassUID and MediaStorageSOPInstanceUID
    /// come from the dataset's SOPClassUID and SOPInstanceUID (else from <paramref name="sourceFileMeta"/>); other
    /// group 0002 elements of <paramref name="sourceFileMeta"/> (such as SourceApplicationEntityTitle) are copied. Group 0002 elements
    /// inside <paramref name="dataset"/> are not written into the dataset part.
    /// </summary>
    /// <exception cref="DicomWriteException">
    /// The transfer syntax is explicit VR big endian (retired, not written), or the pixel data are encapsulated but
    /// the transfer syntax is native, or native but the transfer syntax is encapsulated.
    /// </exception>
    public static void Write(Stream output, DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomDataset? sourceFileMeta = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        if (transferSyntax.IsBigEndian)
        {
            throw new DicomWriteException(
                $"Transfer syntax {transferSyntax} is retired and not written; write "
                + $"{DicomTransferSyntax.ExplicitVRLittleEndian} instead.");
        }

        CheckPixelDataMatchesSyntax(dataset, transferSyntax);

        // Preamble and prefix.
        output.Write(new byte[128]);
        output.Write("DICM"u8);

        WriteFileMeta(output, BuildFileMeta(dataset, transferSyntax.Uid, sourceFileMeta));

        if (transferSyntax.IsDeflated)
        {
            // PS3.5 A.5: the dataset after the file meta is a raw deflate stream (no zlib header).
            using var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true);
            WriteDataset(new ElementWriter(deflate, explicitVR: true), dataset, topLevel: true);
        }
        else
        {
            WriteDataset(new ElementWriter(output, transferSyntax.IsExplicitVR), dataset, topLevel: true);
        }

        output.Flush();
    }

    /// <summary>Returns the Part 10 bytes of <paramref name="dataset"/>; convenient for tests and small files.</summary>
    public static byte[] ToBytes(DicomDataset dataset, DicomTransferSyntax transferSyntax, DicomDataset? sourceFileMeta = null)
    {
        using var buffer = new MemoryStream();
        Write(buffer, dataset, transferSyntax, sourceFileMeta);
        return buffer.ToArray();
    }

    private static void CheckPixelDataMatchesSyntax(DicomDataset dataset, DicomTransferSyntax transferSyntax)
    {
        var pixelData = dataset.Find(new DicomTag(0x7FE0, 0x0010));
        if (pixelData is null)
        {
            return;
        }

        var encapsulated = transferSyntax.IsEncapsulated;
        if (pixelData is DicomFragmentSequence && !encapsulated)
        {
            throw new DicomWriteException(
                $"Pixel Data (7FE0,0010) is encapsulated but transfer syntax {transferSyntax} is native; write it "
                + "with the transfer syntax it was read in, or decode the frames into native Pixel Data first.");
        }

        if (pixelData is not DicomFragmentSequence && encapsulated)
        {
            throw new DicomWriteException(
                $"Pixel Data (7FE0,0010) is native but transfer syntax {transferSyntax} is encapsulated; the "
                + $"writer does not compress, so write {DicomTransferSyntax.ExplicitVRLittleEndian} instead.");
        }
    }

    private static DicomDataset BuildFileMeta(DicomDataset dataset, string transferSyntaxUid, DicomDataset? sourceFileMeta)
    {
        var meta = new DicomDataset();
        if (sourceFileMeta is not null)
        {
            foreach (var element in sourceFileMeta)
            {
                if (element.Tag.Group == 0x0002 && element.Tag != FileMetaGroupLengthTag && element is not DicomSequence)
                {
                    meta.AddOrUpdate(element);
                }
            }
        }

        // Bare datasets from old exports may lack the SOP UIDs; then the source file meta's values are kept.
        var sopClassUid = NonEmpty(dataset.GetString(SopClassUidTag)) ?? NonEmpty(sourceFileMeta?.GetString(MediaStorageSopClassUidTag));
        var sopInstanceUid = NonEmpty(dataset.GetString(SopInstanceUidTag)) ?? NonEmpty(sourceFileMeta?.GetString(MediaStorageSopInstanceUidTag));
        if (sopClassUid is null || sopInstanceUid is null)
        {
            throw new DicomWriteException(
                "The dataset has no SOPClassUID (0008,0016) or SOPInstanceUID (0008,0018), and no source file meta "
                + "gives MediaStorageSOPClassUID and MediaStorageSOPInstanceUID; set both before writing.");
        }

        meta.AddOrUpdate(new DicomElement(FileMetaVersionTag, DicomVR.OB, new byte[] { 0x00, 0x01 }));
        meta.AddOrUpdate(DicomElement.FromString(MediaStorageSopClassUidTag, DicomVR.UI, sopClassUid));
        meta.AddOrUpdate(DicomElement.FromString(MediaStorageSopInstanceUidTag, DicomVR.UI, sopInstanceUid));
        meta.AddOrUpdate(DicomElement.FromString(TransferSyntaxUidTag, DicomVR.UI, transferSyntaxUid));
        meta.AddOrUpdate(DicomElement.FromString(ImplementationClassUidTag, DicomVR.UI, ImplementationClassUid));
        meta.AddOrUpdate(DicomElement.FromString(ImplementationVersionNameTag, DicomVR.SH, ImplementationVersionName));
        return meta;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static void WriteFileMeta(Stream output, DicomDataset meta)
    {
        // The group length counts the bytes after itself, so the group is encoded first and measured.
        using var group = new MemoryStream();
        var writer = new ElementWriter(group, explicitVR: true);
        foreach (var element in meta)
        {
            writer.WriteElement(element);
        }

        var lengthWriter = new ElementWriter(output, explicitVR: true);
        lengthWriter.WriteElement(DicomElement.FromUInt32(FileMetaGroupLengthTag, checked((uint)group.Length)));
        group.Position = 0;
        group.CopyTo(output);
    }

    private static void WriteDataset(ElementWriter writer, DicomDataset dataset, bool topLevel)
    {
        foreach (var element in dataset)
        {
            if (topLevel && element.Tag.Group == 0x0002)
            {
                continue;
            }

            if (element.Tag.Element == 0x0000)
            {
                continue;
            }

            switch (element)
            {
                case DicomSequence sequence:
                    writer.WriteHeader(sequence.Tag, DicomVR.SQ, UndefinedLength);
                    foreach (var item in sequence.Items)
                    {
                        writer.WriteHeader(DicomTag.Item, null, UndefinedLength);
                        WriteDataset(writer, item, topLevel: false);
                        writer.WriteHeader(DicomTag.ItemDelimitationItem, null, 0);
                    }

                    writer.WriteHeader(DicomTag.SequenceDelimitationItem, null, 0);
                    break;
                case DicomFragmentSequence fragments:
                    writer.WriteHeader(fragments.Tag, DicomVR.OB, UndefinedLength);
                    writer.WriteItem(fragments.OffsetTable.Span);
                    foreach (var fragment in fragments.Fragments)
                    {
                        writer.WriteItem(fragment.Span);
                    }

                    writer.WriteHeader(DicomTag.SequenceDelimitationItem, null, 0);
                    break;
                default:
                    writer.WriteElement(element);
                    break;
            }
        }
    }

    /// <summary>Encodes element headers and values in little endian, with or without explicit VRs.</summary>
    private readonly struct ElementWriter(Stream output, bool explicitVR)
    {
        public void WriteElement(DicomElement element)
        {
            var value = element.Value.Span;
            var vr = element.VR;

            // A value too long for a 16-bit length field may be written as UN (PS3.5 6.2.2).
            if (explicitVR && !vr.HasLongLength() && value.Length > 0xFFFE)
            {
                vr = DicomVR.UN;
            }

            var odd = value.Length % 2 == 1;
            WriteHeader(element.Tag, vr, checked((uint)(value.Length + (odd ? 1 : 0))));
            output.Write(value);
            if (odd)
            {
                output.WriteByte(element.VR.PaddingByte());
            }
        }

        /// <summary>Writes an item (FFFE,E000) with a defined length, as fragments and offset tables are.</summary>
        public void WriteItem(ReadOnlySpan<byte> value)
        {
            var odd = value.Length % 2 == 1;
            WriteHeader(DicomTag.Item, null, checked((uint)(value.Length + (odd ? 1 : 0))));
            output.Write(value);
            if (odd)
            {
                output.WriteByte(0);
            }
        }

        /// <summary>Writes a tag, the VR when explicit (null for item and delimitation tags, which have none) and a length.</summary>
        public void WriteHeader(DicomTag tag, DicomVR? vr, uint length)
        {
            Span<byte> header = stackalloc byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(header, tag.Group);
            BinaryPrimitives.WriteUInt16LittleEndian(header[2..], tag.Element);
            if (!explicitVR || vr is null)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(header[4..], length);
                output.Write(header[..8]);
                return;
            }

            var code = (ushort)vr.Value;
            header[4] = (byte)(code >> 8);
            header[5] = (byte)(code & 0xFF);
            if (vr.Value.HasLongLength())
            {
                header[6] = 0;
                header[7] = 0;
                BinaryPrimitives.WriteUInt32LittleEndian(header[8..], length);
                output.Write(header);
                return;
            }

            BinaryPrimitives.WriteUInt16LittleEndian(header[6..], checked((ushort)length));
            output.Write(header[..8]);
        }
    }
}
