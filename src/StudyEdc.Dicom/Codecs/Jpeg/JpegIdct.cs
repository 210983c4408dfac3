namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>
/// Dequantization and the 8×8 inverse DCT with the integer arithmetic of the IJG library's "islow" method: the
/// Loeffler-Ligtenberg-Moschytz factorization with 13-bit fixed-point constants, a column pass scaled up by
/// PASS1_BITS (2 for 8-bit samples, 1 for 12-bit) and a row pass that rounds, level-shifts and clamps. Matching
/// that arithmetic bit for bit is what makes lossy frames equal to other readers' output.
/// </summary>
internal static class JpegIdct
{
    private const int ConstBits = 13;

    // round(x · 2^13) for the cosine factors of the factorization.
    private const long Fix0298631336 = 2446;
    private const long Fix0390180644 = 3196;
    private const long Fix0541196100 = 4433;
    private const long Fix0765366865 = 6270;
    private const long Fix0899976223 = 7373;
    private const long Fix1175875602 = 9633;
    private const long Fix1501321110 = 12299;
    private const long Fix1847759065 = 15137;
    private const long Fix1961570560 = 16069;
    private const long Fix2053119869 = 16819;
    private const long Fix2562915447 = 20995;
    private const long Fix3072711026 = 25172;

    public static void TransformComponent(JpegComponent component, int[]? quantization, int precision)
    {
        if (quantization is null)
        {
            throw new DicomCodecException("the JPEG frame uses a quantization table that was not defined");
        }

        var coefficients = component.Coefficients!;
        component.Stride = component.BlocksPerLine * 8;
        component.Samples = new int[component.Stride * component.BlocksPerColumn * 8];
        var pass1Bits = precision == 8 ? 2 : 1;
        var center = 1 << (precision - 1);
        var max = (1 << precision) - 1;
        Span<long> workspace = stackalloc long[64];
        Span<long> input = stackalloc long[8];
        for (var blockRow = 0; blockRow < component.BlocksPerColumn; blockRow++)
        {
            for (var blockColumn = 0; blockColumn < component.BlocksPerLine; blockColumn++)
            {
                var offset = ((blockRow * component.BlocksPerLine) + blockColumn) * 64;
                var block = coefficients.AsSpan(offset, 64);
                var target = (blockRow * 8 * component.Stride) + (blockColumn * 8);
                TransformBlock(block, quantization, workspace, input, pass1Bits, center, max, component.Samples.AsSpan(target), component.Stride);
            }
        }

        component.Coefficients = null;
    }

    private static void TransformBlock(ReadOnlySpan<int> block, int[] quantization, Span<long> workspace, Span<long> input, int pass1Bits, int center, int max, Span<int> output, int stride)
    {
        // Pass 1: columns, dequantizing on the way in; results are scaled up by 2^pass1Bits.
        for (var column = 0; column < 8; column++)
        {
            if (block[8 + column] == 0 && block[16 + column] == 0 && block[24 + column] == 0 && block[32 + column] == 0
                && block[40 + column] == 0 && block[48 + column] == 0 && block[56 + column] == 0)
            {
                var dc = ((long)block[column] * quantization[column]) << pass1Bits;
                for (var row = 0; row < 8; row++)
                {
                    workspace[(row * 8) + column] = dc;
                }

                continue;
            }

            for (var row = 0; row < 8; row++)
            {
                input[row] = (long)block[(row * 8) + column] * quantization[(row * 8) + column];
            }

            Butterfly(input[0], input[1], input[2], input[3], input[4], input[5], input[6], input[7], ConstBits - pass1Bits, out var r0, out var r1, out var r2, out var r3, out var r4, out var r5, out var r6, out var r7);
            workspace[column] = r0;
            workspace[8 + column] = r1;
            workspace[16 + column] = r2;
            workspace[24 + column] = r3;
            workspace[32 + column] = r4;
            workspace[40 + column] = r5;
            workspace[48 + column] = r6;
            workspace[56 + column] = r7;
        }

        // Pass 2: rows; removes the pass-1 scaling and the factor 8 of the 2-D transform, then level-shifts.
        var shift = ConstBits + pass1Bits + 3;
        for (var row = 0; row < 8; row++)
        {
            var w = workspace.Slice(row * 8, 8);
            Butterfly(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7], shift, out var r0, out var r1, out var r2, out var r3, out var r4, out var r5, out var r6, out var r7);
            var line = output.Slice(row * stride, 8);
            line[0] = Clamp(r0 + center, max);
            line[1] = Clamp(r1 + center, max);
            line[2] = Clamp(r2 + center, max);
            line[3] = Clamp(r3 + center, max);
            line[4] = Clamp(r4 + center, max);
            line[5] = Clamp(r5 + center, max);
            line[6] = Clamp(r6 + center, max);
            line[7] = Clamp(r7 + center, max);
        }
    }

    private static void Butterfly(long x0, long x1, long x2, long x3, long x4, long x5, long x6, long x7, int descale,
        out long r0, out long r1, out long r2, out long r3, out long r4, out long r5, out long r6, out long r7)
    {
        // Even part: inputs 0, 2, 4, 6.
        var z1 = (x2 + x6) * Fix0541196100;
        var evenA = z1 + (x6 * -Fix1847759065);
        var evenB = z1 + (x2 * Fix0765366865);
        var sum04 = (x0 + x4) << ConstBits;
        var difference04 = (x0 - x4) << ConstBits;
        var tmp10 = sum04 + evenB;
        var tmp13 = sum04 - evenB;
        var tmp11 = difference04 + evenA;
        var tmp12 = difference04 - evenA;

        // Odd part: inputs 7, 5, 3, 1.
        var tmp0 = x7;
        var tmp1 = x5;
        var tmp2 = x3;
        var tmp3 = x1;
        var oddZ1 = tmp0 + tmp3;
        var oddZ2 = tmp1 + tmp2;
        var oddZ3 = tmp0 + tmp2;
        var oddZ4 = tmp1 + tmp3;
        var z5 = (oddZ3 + oddZ4) * Fix1175875602;
        tmp0 *= Fix0298631336;
        tmp1 *= Fix2053119869;
        tmp2 *= Fix3072711026;
        tmp3 *= Fix1501321110;
        oddZ1 *= -Fix0899976223;
        oddZ2 *= -Fix2562915447;
        oddZ3 = (oddZ3 * -Fix1961570560) + z5;
        oddZ4 = (oddZ4 * -Fix0390180644) + z5;
        tmp0 += oddZ1 + oddZ3;
        tmp1 += oddZ2 + oddZ4;
        tmp2 += oddZ2 + oddZ3;
        tmp3 += oddZ1 + oddZ4;

        r0 = Descale(tmp10 + tmp3, descale);
        r7 = Descale(tmp10 - tmp3, descale);
        r1 = Descale(tmp11 + tmp2, descale);
        r6 = Descale(tmp11 - tmp2, descale);
        r2 = Descale(tmp12 + tmp1, descale);
        r5 = Descale(tmp12 - tmp1, descale);
        r3 = Descale(tmp13 + tmp0, descale);
        r4 = Descale(tmp13 - tmp0, descale);
    }

    private static long Descale(long value, int shift) => (value + (1L << (shift - 1))) >> shift;

    private static int Clamp(long value, int max) => (int)Math.Clamp(value, 0L, max);
}
