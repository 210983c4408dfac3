using System.Buffers.Binary;
using System.Globalization;

namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>
/// A JPEG decoder for the processes DICOM uses (ITU T.81): baseline and extended sequential DCT (8 and 12 bits),
/// progressive DCT (retired DICOM processes 6-12) and lossless (process 14, every predictor), all Huffman-coded.
/// The IDCT and upsampling reproduce the IJG library's integer arithmetic (its "islow" IDCT and "fancy" upsampling),
/// so lossy frames decode to the same values as IJG-based readers (GDCM, DCMTK, Pillow).
/// Arithmetic coding and hierarchical processes are rejected.
/// </summary>
internal sealed class JpegFrameDecoder
{
    private static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
        28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
        54, 47, 55, 62, 63,
        // Entries past 63 catch corrupt run lengths without an index check in the inner loop.
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    private readonly byte[] _data;
    private readonly JpegHuffmanTable?[] _dcTables = new JpegHuffmanTable?[4];
    private readonly JpegHuffmanTable?[] _acTables = new JpegHuffmanTable?[4];
    private readonly int[][] _quantization = new int[4][];
    private readonly JpegImage _image = new();
    private int _restartInterval;
    private int _eobRun;
    private bool _frameSeen;

    private JpegFrameDecoder(byte[] data)
    {
        _data = data;
    }

    /// <summary>Decodes a JPEG frame whose size must match the dataset's, so nothing larger is ever allocated.</summary>
    public static JpegImage Decode(byte[] data, int expectedWidth, int expectedHeight, int expectedComponents)
    {
        var decoder = new JpegFrameDecoder(data);
        decoder.Run(expectedWidth, expectedHeight, expectedComponents);
        return decoder._image;
    }

    private void Run(int expectedWidth, int expectedHeight, int expectedComponents)
    {
        if (_data.Length < 4 || _data[0] != 0xFF || _data[1] != 0xD8)
        {
            throw new DicomCodecException("the frame does not start with a JPEG SOI marker");
        }

        var position = 2;
        while (true)
        {
            // Step over fill bytes and anything that is not a marker (some encoders pad between segments).
            while (position < _data.Length && _data[position] != 0xFF)
            {
                position++;
            }

            while (position < _data.Length && _data[position] == 0xFF)
            {
                position++;
            }

            if (position >= _data.Length)
            {
                break;
            }

            var marker = _data[position++];
            if (marker == 0xD9)
            {
                break;
            }

            if (marker is >= 0xD0 and <= 0xD7 or 0x01)
            {
                continue;
            }

            if (position + 2 > _data.Length)
            {
                throw new DicomCodecException("the JPEG data ends inside a marker segment");
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(position));
            if (length < 2 || position + length > _data.Length)
            {
                throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"JPEG marker FF{marker:X2} has an invalid length {length}"));
            }

            var segment = _data.AsSpan(position + 2, length - 2);
            switch (marker)
            {
                case 0xC0:
                case 0xC1:
                case 0xC2:
                case 0xC3:
                    ReadFrameHeader(marker, segment, expectedWidth, expectedHeight, expectedComponents);
                    break;
                case 0xC4:
                    ReadHuffmanTables(segment);
                    break;
                case 0xDB:
                    ReadQuantizationTables(segment);
                    break;
                case 0xDD:
                    _restartInterval = segment.Length >= 2 ? BinaryPrimitives.ReadUInt16BigEndian(segment) : 0;
                    break;
                case 0xDA:
                    position = ReadScan(segment, position + length);
                    continue;
                case 0xE0:
                    _image.HasJfif |= segment.StartsWith("JFIF\0"u8);
                    break;
                case 0xEE:
                    if (segment.Length >= 12 && segment.StartsWith("Adobe"u8))
                    {
                        _image.AdobeTransform = segment[11];
                    }

                    break;
                case >= 0xC5 and <= 0xCF when marker != 0xC8 && marker != 0xCC:
                    throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"JPEG process SOF{marker - 0xC0} (hierarchical or arithmetic coding) is not supported"));
                default:
                    break;
            }

            position += length;
        }

        if (!_frameSeen)
        {
            throw new DicomCodecException("the JPEG data has no frame header (SOF)");
        }

        if (_image.IsLossless)
        {
            return;
        }

        foreach (var component in _image.Components)
        {
            JpegIdct.TransformComponent(component, _quantization[component.QuantizationTable], _image.Precision);
        }
    }

    private void ReadFrameHeader(byte marker, ReadOnlySpan<byte> segment, int expectedWidth, int expectedHeight, int expectedComponents)
    {
        if (_frameSeen)
        {
            throw new DicomCodecException("the JPEG data has more than one frame header");
        }

        if (segment.Length < 6)
        {
            throw new DicomCodecException("the JPEG frame header is too short");
        }

        _frameSeen = true;
        _image.Precision = segment[0];
        _image.Height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
        _image.Width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
        var count = segment[5];
        _image.IsProgressive = marker == 0xC2;
        _image.IsLossless = marker == 0xC3;
        if (_image.Width != expectedWidth || _image.Height != expectedHeight || count != expectedComponents)
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture,
                $"the JPEG frame is {_image.Width} × {_image.Height} with {count} components but the dataset says {expectedWidth} × {expectedHeight} with {expectedComponents}"));
        }

        var validPrecision = _image.IsLossless ? _image.Precision is >= 2 and <= 16 : _image.Precision is 8 or 12;
        if (!validPrecision || segment.Length < 6 + (count * 3))
        {
            throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the JPEG frame header is invalid (precision {_image.Precision}, {count} components)"));
        }

        for (var i = 0; i < count; i++)
        {
            var spec = segment.Slice(6 + (i * 3), 3);
            var horizontal = spec[1] >> 4;
            var vertical = spec[1] & 15;
            if (horizontal is < 1 or > 4 || vertical is < 1 or > 4 || (spec[2] & 0xF) > 3)
            {
                throw new DicomCodecException("a JPEG component has invalid sampling factors or quantization table");
            }

            _image.Components.Add(new JpegComponent(spec[0], horizontal, vertical, spec[2] & 3));
        }

        _image.MaxHorizontal = _image.Components.Max(component => component.Horizontal);
        _image.MaxVertical = _image.Components.Max(component => component.Vertical);
        var mcuWidth = _image.IsLossless ? _image.MaxHorizontal : 8 * _image.MaxHorizontal;
        var mcuHeight = _image.IsLossless ? _image.MaxVertical : 8 * _image.MaxVertical;
        var mcusPerLine = (_image.Width + mcuWidth - 1) / mcuWidth;
        var mcusPerColumn = (_image.Height + mcuHeight - 1) / mcuHeight;
        foreach (var component in _image.Components)
        {
            component.Width = ((_image.Width * component.Horizontal) + _image.MaxHorizontal - 1) / _image.MaxHorizontal;
            component.Height = ((_image.Height * component.Vertical) + _image.MaxVertical - 1) / _image.MaxVertical;
            component.BlocksPerLine = mcusPerLine * component.Horizontal;
            component.BlocksPerColumn = mcusPerColumn * component.Vertical;
            if (_image.IsLossless)
            {
                component.Stride = component.BlocksPerLine;
                component.Samples = new int[component.BlocksPerLine * component.BlocksPerColumn];
            }
            else
            {
                component.Coefficients = new int[component.BlocksPerLine * component.BlocksPerColumn * 64];
            }
        }
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> segment)
    {
        while (segment.Length >= 17)
        {
            var tableClass = segment[0] >> 4;
            var id = segment[0] & 3;
            var counts = segment.Slice(1, 16);
            var total = 0;
            foreach (var count in counts)
            {
                total += count;
            }

            if (segment.Length < 17 + total || total > 256)
            {
                throw new DicomCodecException("a JPEG Huffman table is truncated");
            }

            var table = new JpegHuffmanTable(counts, segment.Slice(17, total));
            if (tableClass == 0)
            {
                _dcTables[id] = table;
            }
            else
            {
                _acTables[id] = table;
            }

            segment = segment[(17 + total)..];
        }
    }

    private void ReadQuantizationTables(ReadOnlySpan<byte> segment)
    {
        while (segment.Length >= 65)
        {
            var sixteenBit = segment[0] >> 4 != 0;
            var id = segment[0] & 3;
            var size = sixteenBit ? 128 : 64;
            if (segment.Length < 1 + size)
            {
                throw new DicomCodecException("a JPEG quantization table is truncated");
            }

            // Tables are stored in zigzag order; keep them in natural order like the coefficients.
            var table = new int[64];
            for (var i = 0; i < 64; i++)
            {
                table[ZigZag[i]] = sixteenBit ? BinaryPrimitives.ReadUInt16BigEndian(segment[(1 + (i * 2))..]) : segment[1 + i];
            }

            _quantization[id] = table;
            segment = segment[(1 + size)..];
        }
    }

    private int ReadScan(ReadOnlySpan<byte> segment, int dataStart)
    {
        if (!_frameSeen || segment.Length < 1)
        {
            throw new DicomCodecException("the JPEG scan comes before the frame header");
        }

        var count = segment[0];
        if (count is < 1 or > 4 || segment.Length < 1 + (count * 2) + 3)
        {
            throw new DicomCodecException("the JPEG scan header is invalid");
        }

        var components = new List<JpegComponent>();
        for (var i = 0; i < count; i++)
        {
            var id = segment[1 + (i * 2)];
            var component = _image.Components.Find(candidate => candidate.Id == id)
                ?? throw new DicomCodecException(string.Create(CultureInfo.InvariantCulture, $"the JPEG scan refers to unknown component {id}"));
            component.DcTable = segment[2 + (i * 2)] >> 4 & 3;
            component.AcTable = segment[2 + (i * 2)] & 3;
            components.Add(component);
        }

        var parameters = segment[(1 + (count * 2))..];
        var spectralStart = parameters[0];
        var spectralEnd = parameters[1];
        var approximationHigh = parameters[2] >> 4;
        var approximationLow = parameters[2] & 15;

        var reader = new JpegBitReader(_data, dataStart);
        foreach (var component in components)
        {
            component.DcPredictor = 0;
        }

        _eobRun = 0;
        if (_image.IsLossless)
        {
            JpegLosslessDecoder.DecodeScan(_image, components, reader, _dcTables, _restartInterval, spectralStart, approximationLow);
        }
        else
        {
            DecodeDctScan(components, reader, spectralStart, spectralEnd, approximationHigh, approximationLow);
        }

        reader.Finish();
        return reader.Position;
    }

    private void DecodeDctScan(List<JpegComponent> components, JpegBitReader reader, int spectralStart, int spectralEnd, int high, int low)
    {
        // Sequential scans always code all 64 coefficients; some encoders write other Ss/Se values there.
        if (_image.IsProgressive && (spectralEnd > 63 || spectralStart > spectralEnd))
        {
            throw new DicomCodecException("the JPEG scan has an invalid spectral selection");
        }

        BlockDecoder decode = !_image.IsProgressive
            ? DecodeSequentialBlock
            : spectralStart == 0
                ? (high == 0 ? DecodeDcFirst : DecodeDcRefine)
                : (high == 0 ? DecodeAcFirst : DecodeAcRefine);
        foreach (var component in components)
        {
            var needsAc = !_image.IsProgressive || spectralStart > 0;
            if (_dcTables[component.DcTable] is null && spectralStart == 0 && high == 0 || needsAc && _acTables[component.AcTable] is null)
            {
                throw new DicomCodecException("the JPEG scan uses a Huffman table that was not defined");
            }
        }

        var restartsLeft = _restartInterval;
        if (components.Count == 1)
        {
            // A single-component scan codes the component's own blocks, not whole MCUs.
            var component = components[0];
            var blocksPerLine = (component.Width + 7) / 8;
            var blocksPerColumn = (component.Height + 7) / 8;
            for (var row = 0; row < blocksPerColumn; row++)
            {
                for (var column = 0; column < blocksPerLine; column++)
                {
                    HandleRestart(reader, components, ref restartsLeft);
                    decode(component, reader, (((row * component.BlocksPerLine) + column) * 64), spectralStart, spectralEnd, low);
                }
            }

            return;
        }

        var mcusPerLine = components[0].BlocksPerLine / components[0].Horizontal;
        var mcusPerColumn = components[0].BlocksPerColumn / components[0].Vertical;
        for (var mcuRow = 0; mcuRow < mcusPerColumn; mcuRow++)
        {
            for (var mcuColumn = 0; mcuColumn < mcusPerLine; mcuColumn++)
            {
                HandleRestart(reader, components, ref restartsLeft);
                foreach (var component in components)
                {
                    for (var v = 0; v < component.Vertical; v++)
                    {
                        for (var h = 0; h < component.Horizontal; h++)
                        {
                            var blockRow = (mcuRow * component.Vertical) + v;
                            var blockColumn = (mcuColumn * component.Horizontal) + h;
                            decode(component, reader, ((blockRow * component.BlocksPerLine) + blockColumn) * 64, spectralStart, spectralEnd, low);
                        }
                    }
                }
            }
        }
    }

    private void HandleRestart(JpegBitReader reader, List<JpegComponent> components, ref int restartsLeft)
    {
        if (_restartInterval == 0)
        {
            return;
        }

        if (restartsLeft == 0)
        {
            reader.Restart();
            foreach (var component in components)
            {
                component.DcPredictor = 0;
            }

            _eobRun = 0;
            restartsLeft = _restartInterval;
        }

        restartsLeft--;
    }

    private delegate void BlockDecoder(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low);

    private void DecodeSequentialBlock(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low)
    {
        var coefficients = component.Coefficients!;
        var size = _dcTables[component.DcTable]!.Decode(reader);
        component.DcPredictor += reader.Receive(size);
        coefficients[offset] = component.DcPredictor;
        var ac = _acTables[component.AcTable]!;
        for (var k = 1; k < 64;)
        {
            var symbol = ac.Decode(reader);
            var run = symbol >> 4;
            var magnitude = symbol & 15;
            if (magnitude == 0)
            {
                if (run != 15)
                {
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            coefficients[offset + ZigZag[Math.Min(k, 64)]] = reader.Receive(magnitude);
            k++;
        }
    }

    private void DecodeDcFirst(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low)
    {
        var size = _dcTables[component.DcTable]!.Decode(reader);
        component.DcPredictor += reader.Receive(size);
        component.Coefficients![offset] = component.DcPredictor * (1 << low);
    }

    private static void DecodeDcRefine(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low)
    {
        if (reader.ReadBit() != 0)
        {
            component.Coefficients![offset] |= 1 << low;
        }
    }

    private void DecodeAcFirst(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }

        var coefficients = component.Coefficients!;
        var ac = _acTables[component.AcTable]!;
        for (var k = spectralStart; k <= spectralEnd;)
        {
            var symbol = ac.Decode(reader);
            var run = symbol >> 4;
            var magnitude = symbol & 15;
            if (magnitude == 0)
            {
                if (run < 15)
                {
                    // An end-of-band run covers this block and (2^run - 1 + extra bits) more.
                    _eobRun = (1 << run) - 1 + reader.ReadBits(run);
                    break;
                }

                k += 16;
                continue;
            }

            k += run;
            coefficients[offset + ZigZag[Math.Min(k, 64)]] = reader.Receive(magnitude) * (1 << low);
            k++;
        }
    }

    private void DecodeAcRefine(JpegComponent component, JpegBitReader reader, int offset, int spectralStart, int spectralEnd, int low)
    {
        // Successive approximation refinement (T.81 G.1.2.3): coefficients already non-zero get one correction bit
        // each; new coefficients of magnitude one are placed after the coded run of still-zero coefficients.
        var coefficients = component.Coefficients!;
        var positive = 1 << low;
        var negative = -1 << low;
        var k = spectralStart;
        if (_eobRun == 0)
        {
            var ac = _acTables[component.AcTable]!;
            for (; k <= spectralEnd; k++)
            {
                var symbol = ac.Decode(reader);
                var zerosToSkip = symbol >> 4;
                var newValue = 0;
                if ((symbol & 15) != 0)
                {
                    newValue = reader.ReadBit() != 0 ? positive : negative;
                }
                else if (zerosToSkip != 15)
                {
                    _eobRun = (1 << zerosToSkip) + reader.ReadBits(zerosToSkip);
                    break;
                }

                for (; k <= spectralEnd; k++)
                {
                    var index = offset + ZigZag[k];
                    if (coefficients[index] != 0)
                    {
                        RefineCoefficient(coefficients, index, reader, positive, negative);
                    }
                    else
                    {
                        if (zerosToSkip == 0)
                        {
                            break;
                        }

                        zerosToSkip--;
                    }
                }

                if (newValue != 0 && k <= spectralEnd)
                {
                    coefficients[offset + ZigZag[k]] = newValue;
                }
            }
        }

        if (_eobRun > 0)
        {
            for (; k <= spectralEnd; k++)
            {
                var index = offset + ZigZag[k];
                if (coefficients[index] != 0)
                {
                    RefineCoefficient(coefficients, index, reader, positive, negative);
                }
            }

            _eobRun--;
        }
    }

    private static void RefineCoefficient(int[] coefficients, int index, JpegBitReader reader, int positive, int negative)
    {
        if (reader.ReadBit() != 0 && (coefficients[index] & positive) == 0)
        {
            coefficients[index] += coefficients[index] >= 0 ? positive : negative;
        }
    }
}
