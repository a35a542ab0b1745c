namespace Qinglang.Labels.Carriers.Ogg;

/// <summary>
/// Lays packets out on Ogg pages (RFC 3533 §5): each packet is laced into 255-byte segments ending with one shorter
/// segment (0 if the length is a multiple of 255); a page holds at most 255 segments, and a packet cut by a page
/// boundary continues on the next page, which is flagged continued. Pages on which no packet ends get granule -1.
/// </summary>
internal sealed class OggPaginator(uint serial, uint firstSequence, ulong granule)
{
    private readonly List<byte[]> _pages = [];
    private readonly List<byte> _segments = [];
    private readonly MemoryStream _body = new();
    private bool _continued;
    private bool _packetEnded;

    public uint NextSequence { get; private set; } = firstSequence;

    public void Add(ReadOnlySpan<byte> packet)
    {
        var offset = 0;
        while (true)
        {
            if (_segments.Count == 255)
            {
                Flush(continuesPacket: offset > 0);
            }

            var lacing = Math.Min(255, packet.Length - offset);
            _segments.Add((byte)lacing);
            _body.Write(packet.Slice(offset, lacing));
            offset += lacing;
            if (lacing < 255)
            {
                _packetEnded = true;
                return;
            }
        }
    }

    /// <summary>Ends the last page and returns every page built; <paramref name="lastHeaderType"/> is or-ed into the last one.</summary>
    public List<byte[]> Finish(byte lastHeaderType = 0)
    {
        if (_segments.Count > 0)
        {
            Flush(continuesPacket: false, lastHeaderType);
        }

        return _pages;
    }

    private void Flush(bool continuesPacket, byte extraHeaderType = 0)
    {
        var type = (byte)((_continued ? OggPage.Continued : 0) | extraHeaderType);
        _pages.Add(OggPage.Build(type, _packetEnded ? granule : ulong.MaxValue, serial, NextSequence++, [.. _segments], _body.ToArray()));
        _segments.Clear();
        _body.SetLength(0);
        _continued = continuesPacket;
        _packetEnded = false;
    }
}
