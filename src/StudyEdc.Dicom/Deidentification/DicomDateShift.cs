using System.Globalization;
using System.Text;

namespace StudyEdc.Dicom.Deidentification;

/// <summary>Moves DA and DT values by whole days, for the Retain Longitudinal Temporal Information with Modified Dates option.</summary>
internal static class DicomDateShift
{
    /// <summary>
    /// Returns a copy of a DA or DT element with every date moved by <paramref name="days"/>; values that are not
    /// valid dates, and elements of other VRs, are removed (null), because an unshifted date would leak.
    /// </summary>
    public static DicomElement? Shift(DicomElement element, int days)
    {
        if (element.Value.IsEmpty)
        {
            return element;
        }

        if (element.VR is not (DicomVR.DA or DicomVR.DT))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(element.Value.Span).TrimEnd('\0', ' ');
        var shifted = new List<string>();
        foreach (var value in text.Split('\\'))
        {
            // A DA or DT value may be a range "from-to" in queries; each side is shifted.
            var parts = element.VR == DicomVR.DA ? value.Split('-') : [value];
            var moved = new string?[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                moved[i] = parts[i].Trim().Length == 0 ? "" : ShiftOne(parts[i].Trim(), days);
                if (moved[i] is null)
                {
                    return null;
                }
            }

            shifted.Add(string.Join('-', moved));
        }

        return DicomElement.FromString(element.Tag, element.VR, string.Join('\\', shifted));
    }

    private static string? ShiftOne(string value, int days)
    {
        // DA is YYYYMMDD (or YYYY.MM.DD from ACR-NEMA); DT starts with YYYYMMDD and may go on with time and offset.
        var compact = value.Length >= 10 && value[4] == '.' && value[7] == '.'
            ? string.Concat(value.AsSpan(0, 4), value.AsSpan(5, 2), value.AsSpan(8, 2)) + value[10..]
            : value;
        if (compact.Length < 8
            || !DateOnly.TryParseExact(compact[..8], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        return date.AddDays(days).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + compact[8..];
    }
}
