using System.Globalization;

namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>
/// Lossless JPEG scans (process 14, T.81 annex H): every predictor 1-7, point transform, restart intervals, and
/// interleaved components with sampling factors of one. Sample arithmetic is modulo 2^16, as H.1.2.1 requires.
/// </summary>
internal static class JpegLosslessDecoder
{
    public static void DecodeScan(JpegImage image, List<JpegComponent> components, JpegBitReader reader,
        JpegHuffmanTable?[] dcTables, int restartInterval, int predictor, int pointTransform)
    {
        if (predictor is < 1 or > 7)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"lossless JPEG predictor {predictor} is invalid"));
        }

        if (components.Exists(component => component.Horizontal != 1 || component.Vertical != 1) && components.Count > 1)
        {
            throw new DicomCodecException("interleaved lossless JPEG with subsampled components is not supported");
        }

        var tables = components.Select(component => dcTables[component.DcTable]
            ?? throw new DicomCodecException("the lossless JPEG scan uses a Huffman table that was not defined")).ToArray();
        var width = components.Count == 1 ? components[0].Width : image.Width;
        var height = components.Count == 1 ? components[0].Height : image.Height;
        var initial = 1 << (image.Precision - pointTransform - 1);
        var restartsLeft = restartInterval;

        // H.1.2.1: the first sample after the start or a restart is predicted from 2^(P-Pt-1), the rest of that
        // line from the left, the first sample of each later line from above, and all others by the predictor.
        var resetPending = true;
        var resetRow = 0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (restartInterval > 0)
                {
                    if (restartsLeft == 0)
                    {
                        reader.Restart();
                        restartsLeft = restartInterval;
                        resetPending = true;
                    }

                    restartsLeft--;
                }

                if (resetPending)
                {
                    resetRow = y;
                }

                for (var c = 0; c < components.Count; c++)
                {
                    var component = components[c];
                    var samples = component.Samples;
                    var stride = component.Stride;
                    var index = (y * stride) + x;
                    int prediction;
                    if (resetPending)
                    {
                        prediction = initial;
                    }
                    else if (y == resetRow)
                    {
                        prediction = samples[index - 1];
                    }
                    else if (x == 0)
                    {
                        prediction = samples[index - stride];
                    }
                    else
                    {
                        prediction = Predict(predictor, samples[index - 1], samples[index - stride], samples[index - stride - 1]);
                    }

                    var size = tables[c].Decode(reader);
                    var difference = size switch
                    {
                        0 => 0,
                        16 => 32768,
                        > 16 => throw new DicomCodecException("the lossless JPEG data holds an invalid difference size"),
                        _ => reader.Receive(size),
                    };
                    samples[index] = (prediction + difference) & 0xFFFF;
                }

                resetPending = false;
            }
        }

        if (pointTransform > 0)
        {
            foreach (var component in components)
            {
                for (var i = 0; i < component.Samples.Length; i++)
                {
                    component.Samples[i] = (component.Samples[i] << pointTransform) & 0xFFFF;
                }
            }
        }
    }

    private static int Predict(int predictor, int left, int above, int aboveLeft) => predictor switch
    {
        1 => left,
        2 => above,
        3 => aboveLeft,
        4 => left + above - aboveLeft,
        5 => left + ((above - aboveLeft) >> 1),
        6 => above + ((left - aboveLeft) >> 1),
        _ => (left + above) >> 1,
    };
}
