using System.Security.Cryptography;

namespace StudyEdc.Dicom.Pixels;

/// <summary>
/// A fingerprint of decoded pixel data: the SHA-256 of all frames as <see cref="DicomPixelData.DecodeFrameBytes"/>
/// lays them out, and the range and mean of stored and rescaled values. Rescaled values are null when the dataset
/// has no Rescale Slope and Intercept (top level or functional groups).
/// </summary>
public sealed record PixelDigest(
    string Sha256, double StoredMin, double StoredMax, double StoredMean, double? RescaledMin, double? RescaledMax, double? RescaledMean)
{
    /// <summary>Decodes every frame once and summarizes them. Memory stays at one frame.</summary>
    /// <exception cref="DicomReadException">A frame cannot be decoded.</exception>
    public static PixelDigest Compute(DicomPixelData pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var stored = new RunningRange();
        var rescaled = new RunningRange();
        var hasRescale = false;
        var values = pixels.IsFloat ? [] : new int[pixels.ValuesPerFrame];
        var unsigned32 = pixels.BitsAllocated == 32 && !pixels.IsSigned;
        for (var frame = 0; frame < pixels.NumberOfFrames; frame++)
        {
            var rescale = pixels.GetRescale(frame);
            hasRescale |= rescale is not null;
            var slope = rescale?.Slope ?? 1;
            var intercept = rescale?.Intercept ?? 0;
            if (pixels.IsFloat)
            {
                hash.AppendData(pixels.DecodeFrameBytes(frame));
                foreach (var value in pixels.DecodeFrameFloat(frame))
                {
                    stored.Add(value);
                    rescaled.Add((value * slope) + intercept);
                }

                continue;
            }

            pixels.DecodeFrame(frame, values);
            hash.AppendData(ToBytes(values, pixels.BitsAllocated));
            foreach (var raw in values)
            {
                double value = unsigned32 ? (uint)raw : raw;
                stored.Add(value);
                rescaled.Add((value * slope) + intercept);
            }
        }

        return new PixelDigest(
            Convert.ToHexStringLower(hash.GetHashAndReset()),
            stored.Min, stored.Max, stored.Mean,
            hasRescale ? rescaled.Min : null, hasRescale ? rescaled.Max : null, hasRescale ? rescaled.Mean : null);
    }

    internal static byte[] ToBytes(int[] values, int bitsAllocated)
    {
        var width = bitsAllocated <= 8 ? 1 : bitsAllocated / 8;
        var bytes = new byte[values.Length * width];
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            for (var b = 0; b < width; b++)
            {
                bytes[(i * width) + b] = (byte)(value >> (8 * b));
            }
        }

        return bytes;
    }

    private sealed class RunningRange
    {
        private double _sum;
        private long _count;

        public double Min { get; private set; } = double.PositiveInfinity;

        public double Max { get; private set; } = double.NegativeInfinity;

        public double Mean => _count == 0 ? double.NaN : _sum / _count;

        public void Add(double value)
        {
            Min = Math.Min(Min, value);
            Max = Math.Max(Max, value);
            _sum += value;
            _count++;
        }
    }
}
