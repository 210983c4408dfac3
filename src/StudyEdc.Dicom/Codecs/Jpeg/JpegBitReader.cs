namespace StudyEdc.Dicom.Codecs.Jpeg;

/// <summary>
/// Reads entropy-coded bits, removing stuffed zero bytes. At a marker or the end of the data it supplies zero bits,
/// as the IJG library does for a truncated stream, so a damaged frame decodes to something instead of failing.
/// </summary>
internal sealed class JpegBitReader(byte[] data, int position)
{
    private ulong _buffer;
    private int _bitCount;

    /// <summary>Position of the next unread byte (a marker when <see cref="AtMarker"/> is true).</summary>
    public int Position { get; private set; } = position;

    public bool AtMarker { get; private set; }

    /// <summary>Number of zero bits supplied past the end of the real data.</summary>
    public long PaddingBits { get; private set; }

    public int ReadBit() => ReadBits(1);

    public int ReadBits(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        Fill(count);
        _bitCount -= count;
        return (int)((_buffer >> _bitCount) & ((1UL << count) - 1));
    }

    public int PeekBits(int count)
    {
        Fill(count);
        return (int)((_buffer >> (_bitCount - count)) & ((1UL << count) - 1));
    }

    public void SkipBits(int count) => _bitCount -= count;

    /// <summary>Reads <paramref name="count"/> extra bits and extends them to a signed difference (ITU T.81 F.2.2.1).</summary>
    public int Receive(int count)
    {
        if (count == 0)
        {
            return 0;
        }

        var value = ReadBits(count);
        return value < (1 << (count - 1)) ? value - (1 << count) + 1 : value;
    }

    /// <summary>Discards buffered bits and, when the next marker is a restart marker, steps over it.</summary>
    public void Restart()
    {
        _buffer = 0;
        _bitCount = 0;
        if (!AtMarker)
        {
            // Skip to the next marker; encoders may leave padding bits or bytes before it.
            while (Position + 1 < data.Length && !(data[Position] == 0xFF && data[Position + 1] is not 0x00 and not 0xFF))
            {
                Position++;
            }
        }

        if (Position + 1 < data.Length && data[Position] == 0xFF && data[Position + 1] is >= 0xD0 and <= 0xD7)
        {
            Position += 2;
        }

        AtMarker = false;
    }

    /// <summary>Ends the entropy-coded segment; <see cref="Position"/> is then at the marker after it.</summary>
    public void Finish()
    {
        _buffer = 0;
        _bitCount = 0;
        while (!AtMarker && Position < data.Length)
        {
            if (data[Position] == 0xFF && Position + 1 < data.Length && data[Position + 1] is not 0x00 and not 0xFF)
            {
                AtMarker = true;
                break;
            }

            Position++;
        }
    }

    private void Fill(int count)
    {
        while (_bitCount < count)
        {
            int next;
            if (AtMarker || Position >= data.Length)
            {
                next = 0;
                PaddingBits += 8;
            }
            else if (data[Position] == 0xFF)
            {
                // 0xFF00 is a stuffed 0xFF; 0xFF followed by 0xFF is fill; anything else is a marker.
                var following = Position + 1 < data.Length ? data[Position + 1] : 0xD9;
                if (following == 0x00)
                {
                    next = 0xFF;
                    Position += 2;
                }
                else if (following == 0xFF)
                {
                    Position++;
                    continue;
                }
                else
                {
                    AtMarker = true;
                    next = 0;
                    PaddingBits += 8;
                }
            }
            else
            {
                next = data[Position++];
            }

            _buffer = (_buffer << 8) | (uint)next;
            _bitCount += 8;
        }
    }
}
