namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>
/// Brings a component to full image resolution as the IJG library (release 6b) does by default: the triangular
/// "fancy" filter for 2:1 horizontal and 2:1 horizontal-and-vertical subsampling, replication otherwise.
/// Rows above the first and below the last real row repeat the edge row.
/// </summary>
internal static class JpegUpsampler
{
    public static int[] ToFullResolution(JpegImage image, JpegComponent component)
    {
        var width = image.Width;
        var height = image.Height;
        var output = new int[width * height];
        var horizontalRatio = image.MaxHorizontal / component.Horizontal;
        var verticalRatio = image.MaxVertical / component.Vertical;
        var source = component.Samples;
        var stride = component.Stride;
        if (horizontalRatio == 1 && verticalRatio == 1)
        {
            for (var y = 0; y < height; y++)
            {
                source.AsSpan(y * stride, width).CopyTo(output.AsSpan(y * width));
            }

            return output;
        }

        var fancy = horizontalRatio == 2 && verticalRatio is 1 or 2 && component.Width > 2
            && image.MaxHorizontal % component.Horizontal == 0 && image.MaxVertical % component.Vertical == 0;
        if (!fancy)
        {
            for (var y = 0; y < height; y++)
            {
                for (var x = 0; x < width; x++)
                {
                    output[(y * width) + x] = source[((y / verticalRatio) * stride) + (x / horizontalRatio)];
                }
            }

            return output;
        }

        var row = new int[component.Width * 2];
        for (var y = 0; y < height; y++)
        {
            var inputRow = y / verticalRatio;
            if (verticalRatio == 1)
            {
                UpsampleRowH2V1(source.AsSpan(inputRow * stride, component.Width), row);
            }
            else
            {
                // The upper output row of a pair leans on the input row above, the lower on the row below.
                var neighbour = y % 2 == 0 ? Math.Max(inputRow - 1, 0) : Math.Min(inputRow + 1, component.Height - 1);
                UpsampleRowH2V2(source.AsSpan(inputRow * stride, component.Width), source.AsSpan(neighbour * stride, component.Width), row);
            }

            row.AsSpan(0, width).CopyTo(output.AsSpan(y * width));
        }

        return output;
    }

    private static void UpsampleRowH2V1(ReadOnlySpan<int> input, Span<int> output)
    {
        var n = input.Length;
        output[0] = input[0];
        output[1] = ((input[0] * 3) + input[1] + 2) >> 2;
        for (var i = 1; i < n - 1; i++)
        {
            var weighted = input[i] * 3;
            output[2 * i] = (weighted + input[i - 1] + 1) >> 2;
            output[(2 * i) + 1] = (weighted + input[i + 1] + 2) >> 2;
        }

        output[(2 * n) - 2] = ((input[n - 1] * 3) + input[n - 2] + 1) >> 2;
        output[(2 * n) - 1] = input[n - 1];
    }

    private static void UpsampleRowH2V2(ReadOnlySpan<int> nearest, ReadOnlySpan<int> neighbour, Span<int> output)
    {
        var n = nearest.Length;
        var current = (nearest[0] * 3) + neighbour[0];
        var next = (nearest[1] * 3) + neighbour[1];
        output[0] = ((current * 4) + 8) >> 4;
        output[1] = ((current * 3) + next + 7) >> 4;
        var last = current;
        current = next;
        for (var i = 1; i < n - 1; i++)
        {
            next = (nearest[i + 1] * 3) + neighbour[i + 1];
            output[2 * i] = ((current * 3) + last + 8) >> 4;
            output[(2 * i) + 1] = ((current * 3) + next + 7) >> 4;
            last = current;
            current = next;
        }

        output[(2 * n) - 2] = ((current * 3) + last + 8) >> 4;
        output[(2 * n) - 1] = ((current * 4) + 7) >> 4;
    }
}
