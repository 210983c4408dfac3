namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>One component of a decoded JPEG frame, at its own (possibly subsampled) resolution.</summary>
internal sealed class JpegComponent(int id, int horizontal, int vertical, int quantizationTable)
{
    public int Id { get; } = id;

    public int Horizontal { get; } = horizontal;

    public int Vertical { get; } = vertical;

    public int QuantizationTable { get; } = quantizationTable;

    /// <summary>Width and height in samples of the component's real data (T.81 A.1.1).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Blocks (DCT) or samples (lossless) per row and column, padded to whole MCUs.</summary>
    public int BlocksPerLine { get; set; }

    public int BlocksPerColumn { get; set; }

    /// <summary>DCT coefficients, 64 per block, blocks in raster order; null for lossless frames.</summary>
    public int[]? Coefficients { get; set; }

    /// <summary>Samples of the component, <see cref="Stride"/> per row.</summary>
    public int[] Samples { get; set; } = [];

    public int Stride { get; set; }

    public int DcPredictor { get; set; }

    public int DcTable { get; set; }

    public int AcTable { get; set; }
}

/// <summary>The header facts and decoded components of a JPEG frame.</summary>
internal sealed class JpegImage
{
    public int Width { get; set; }

    public int Height { get; set; }

    public int Precision { get; set; }

    public bool IsProgressive { get; set; }

    public bool IsLossless { get; set; }

    /// <summary>Adobe APP14 transform flag: 0 = no colour transform, 1 = YCbCr; null without an APP14 segment.</summary>
    public int? AdobeTransform { get; set; }

    public bool HasJfif { get; set; }

    public List<JpegComponent> Components { get; } = [];

    public int MaxHorizontal { get; set; }

    public int MaxVertical { get; set; }
}
