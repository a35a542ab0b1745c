namespace Qinglang.Labels.Carriers.Ogg;

/// <summary>
/// Collects the header packets of one logical Ogg stream from its pages: Vorbis has three (identification, comment,
/// setup; Vorbis I §4.2), Opus two (OpusHead, OpusTags; RFC 7845 §5). Remembers on which page they end.
/// </summary>
internal sealed class OggHeaderPackets(uint serial)
{
    /// <summary>A comment header with a large embedded picture can be big; more than this is refused.</summary>
    private const int MaxPacket = 16 << 20;

    private readonly MemoryStream _partial = new();
    private int _needed = 1;

    public uint Serial { get; } = serial;

    public List<byte[]> Packets { get; } = [];

    /// <summary><c>vorbis</c>, <c>opus</c>, another codec's first bytes, or null before the first packet.</summary>
    public string? Codec { get; private set; }

    public bool IsComplete => Packets.Count == _needed;

    /// <summary>How many pages the headers took, the first included.</summary>
    public int PageCount { get; private set; }

    /// <summary>True when the first packet alone filled the first page, as both specs require.</summary>
    public bool FirstPacketFillsFirstPage { get; private set; }

    /// <summary>True when the last header packet ended with the last segment of its page (audio starts on a fresh page).</summary>
    public bool EndsWithPage { get; private set; }

    /// <summary>The page on which the headers ended.</summary>
    public OggPage LastPage { get; private set; }

    public bool IsLabelable => Codec is "vorbis" or "opus";

    /// <summary>The comment packet's fixed prefix: packet type 3 + "vorbis", or "OpusTags".</summary>
    public byte[] CommentPrefix => Codec == "opus" ? "OpusTags"u8.ToArray() : [3, .. "vorbis"u8];

    /// <summary>Adds the packet data of one page of this stream (<paramref name="bytes"/> holds the whole page).</summary>
    public void Add(OggPage page, ReadOnlySpan<byte> bytes)
    {
        if (IsComplete)
        {
            return;
        }

        if (page.IsContinued != (_partial.Length > 0))
        {
            throw new ContainerFormatException(page.IsContinued ? "Ogg page continues a packet that was never started" : "Ogg page drops an unfinished packet", page.Offset);
        }

        PageCount++;
        var bodyAt = page.HeaderLength;
        for (var i = 0; i < page.SegmentCount; i++)
        {
            var lacing = bytes[OggPage.FixedHeaderLength + i];
            if (_partial.Length + lacing > MaxPacket)
            {
                throw new ContainerFormatException($"Ogg header packet is larger than {MaxPacket} bytes", page.Offset);
            }

            _partial.Write(bytes.Slice(bodyAt, lacing));
            bodyAt += lacing;
            if (lacing == 255)
            {
                continue;
            }

            Packets.Add(_partial.ToArray());
            _partial.SetLength(0);
            var lastOnPage = i == page.SegmentCount - 1;
            if (Packets.Count == 1)
            {
                Identify(Packets[0]);
                FirstPacketFillsFirstPage = lastOnPage && PageCount == 1;
            }

            if (IsComplete)
            {
                EndsWithPage = lastOnPage;
                LastPage = page;
                return;
            }
        }
    }

    private void Identify(ReadOnlySpan<byte> first)
    {
        if (first.Length > 7 && first[0] == 1 && first[1..].StartsWith("vorbis"u8))
        {
            Codec = "vorbis";
            _needed = 3;
        }
        else if (first.StartsWith("OpusHead"u8))
        {
            Codec = "opus";
            _needed = 2;
        }
        else
        {
            var name = first[..Math.Min(8, first.Length)].ToArray().Select(b => b is >= 0x21 and < 0x7F ? (char)b : '?');
            Codec = new string([.. name]);
        }
    }
}
