using System.Globalization;

namespace StudyEdc.Dicom.Rendering;

/// <summary>
/// A display window over Hounsfield units: <see cref="Width"/> HU wide, centred on <see cref="Center"/>, mapped to
/// 0–255 by the linear VOI LUT function of DICOM PS3.3 C.11.2.1.2.
/// </summary>
public readonly record struct WindowLevel
{
    public WindowLevel(double width, double center)
    {
        if (!(width >= 1) || !double.IsFinite(width))
        {
            throw new ArgumentOutOfRangeException(nameof(width), width,
                "Window width must be a finite number of at least 1 HU, as DICOM requires for the linear VOI function.");
        }

        if (!double.IsFinite(center))
        {
            throw new ArgumentOutOfRangeException(nameof(center), center, "Window center must be a finite HU value.");
        }

        Width = width;
        Center = center;
    }

    /// <summary>Soft-tissue abdomen window: W400 / L40.</summary>
    public static WindowLevel Abdomen { get; } = new(400, 40);

    /// <summary>Liver window: W150 / L90, narrow so that enhancing lesions stand out from parenchyma.</summary>
    public static WindowLevel Liver { get; } = new(150, 90);

    /// <summary>Window width in HU (at least 1).</summary>
    public double Width { get; }

    /// <summary>Window center (level) in HU.</summary>
    public double Center { get; }

    /// <summary>
    /// Maps one HU value to an 8-bit gray level. Values at or below the window's lower edge give 0, values above its
    /// upper edge give 255, NaN gives 0.
    /// </summary>
    public byte Apply(double hu)
    {
        // PS3.3 C.11.2.1.2.1: below c - 0.5 - (w-1)/2 is the minimum, above c - 0.5 + (w-1)/2 the maximum,
        // and in between y = ((x - (c - 0.5)) / (w - 1) + 0.5) * (ymax - ymin) + ymin.
        var lower = Center - 0.5 - ((Width - 1) / 2);
        var upper = Center - 0.5 + ((Width - 1) / 2);
        if (double.IsNaN(hu) || hu <= lower)
        {
            return 0;
        }

        if (hu > upper)
        {
            return 255;
        }

        var scaled = ((((hu - (Center - 0.5)) / (Width - 1)) + 0.5) * 255.0) + 0.5;
        return (byte)Math.Clamp(Math.Floor(scaled), 0, 255);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"W{Width}/L{Center}");
}
