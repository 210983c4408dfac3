namespace StudyEdc.Dicom;

/// <summary>
/// The File Meta Information of a Part 10 file (group 0002) and how the file began. For a bare dataset without
/// meta information the group is empty and <see cref="TransferSyntax"/> is the one inferred from the first bytes.
/// </summary>
public sealed class DicomFileMeta(DicomDataset dataset, DicomTransferSyntax transferSyntax, bool hasPreamble, bool isTransferSyntaxInferred)
{
    public static readonly DicomTag TransferSyntaxUidTag = new(0x0002, 0x0010);
    public static readonly DicomTag MediaStorageSopClassUidTag = new(0x0002, 0x0002);
    public static readonly DicomTag MediaStorageSopInstanceUidTag = new(0x0002, 0x0003);

    /// <summary>The group 0002 elements as read.</summary>
    public DicomDataset Dataset { get; } = dataset;

    /// <summary>The transfer syntax the dataset was read with.</summary>
    public DicomTransferSyntax TransferSyntax { get; } = transferSyntax;

    /// <summary>True when the file starts with the 128-byte preamble and "DICM".</summary>
    public bool HasPreamble { get; } = hasPreamble;

    /// <summary>True when the file had no Transfer Syntax UID and the encoding was guessed from its first element.</summary>
    public bool IsTransferSyntaxInferred { get; } = isTransferSyntaxInferred;

    public string? MediaStorageSopClassUid => Dataset.GetString(MediaStorageSopClassUidTag);

    public string? MediaStorageSopInstanceUid => Dataset.GetString(MediaStorageSopInstanceUidTag);
}
