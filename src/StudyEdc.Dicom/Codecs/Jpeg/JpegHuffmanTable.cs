namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>A Huffman decoding table built from a DHT segment (ITU T.81 annex C), with an 8-bit lookahead.</summary>
internal sealed class JpegHuffmanTable
{
    private const int LookaheadBits = 8;

    private readonly int[] _maxCode = new int[18];
    private readonly int[] _valueOffset = new int[17];
    private readonly byte[] _values;
    private readonly short[] _lookahead = new short[1 << LookaheadBits];

    public JpegHuffmanTable(ReadOnlySpan<byte> counts, ReadOnlySpan<byte> values)
    {
        _values = values.ToArray();
        var code = 0;
        var index = 0;
        for (var length = 1; length <= 16; length++)
        {
            var count = counts[length - 1];
            _valueOffset[length] = index - code;
            if (count > 0)
            {
                code += count;
                _maxCode[length] = code - 1;
            }
            else
            {
                _maxCode[length] = -1;
            }

            // Codes of this length that fit the lookahead map each of their extensions to (length, value).
            if (length <= LookaheadBits)
            {
                for (var i = 0; i < count; i++)
                {
                    var first = (code - count + i) << (LookaheadBits - length);
                    for (var extension = 0; extension < 1 << (LookaheadBits - length); extension++)
                    {
                        _lookahead[first + extension] = (short)((length << 8) | _values[index + i]);
                    }
                }
            }

            index += count;
            code <<= 1;
        }

        _maxCode[17] = int.MaxValue;
    }

    public int Decode(JpegBitReader reader)
    {
        var look = _lookahead[reader.PeekBits(LookaheadBits)];
        if (look != 0)
        {
            reader.SkipBits(look >> 8);
            return look & 0xFF;
        }

        var code = 0;
        for (var length = 1; length <= 16; length++)
        {
            code = (code << 1) | reader.ReadBit();
            if (code <= _maxCode[length])
            {
                var index = code + _valueOffset[length];
                if ((uint)index >= (uint)_values.Length)
                {
                    break;
                }

                return _values[index];
            }
        }

        throw new DicomCodecException("the JPEG data holds a Huffman code that its table does not define");
    }
}
