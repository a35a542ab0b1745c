using Qinglang.Core;
using Qinglang.Labels.Carriers.Mp3;
using Qinglang.Labels.Carriers.Vorbis;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Flac;

/// <summary>
/// FLAC: the label is the Vorbis comment <c>AIGC=&lt;json&gt;</c> in the VORBIS_COMMENT metadata block. Writing
/// rewrites that block (vendor and other comments kept) and lets a PADDING block absorb the change in size, so the
/// audio frames stay where they are whenever the padding allows; then the edit can even be made in place.
/// An ID3v2 tag in front of "fLaC" (written by some taggers) is skipped when reading and kept when writing.
/// </summary>
public sealed class FlacCarrier : IInPlaceLabelCarrier
{
    /// <summary>Padding given to a file whose metadata had to grow past its padding, so later edits fit in place.</summary>
    private const int GrowthPadding = 1024;

    /// <summary>The largest contiguous overwrite an in-place edit makes.</summary>
    private const int MaxInPlaceSpan = 1 << 20;

    private static ReadOnlySpan<byte> Magic => "fLaC"u8;

    public string Format => "flac";

    public bool Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(Magic))
        {
            return true;
        }

        // An ID3v2 tag in front: the magic follows the tag, if the tag ends within the head we were given.
        return Id3Header.TryParse(head, out var tag) && tag.TotalLength + 4 <= head.Length && head[(int)tag.TotalLength..].StartsWith(Magic);
    }

    public CarrierScan Read(Stream input)
    {
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        var (_, blocks) = Walk(input);
        var commentBlocks = 0;
        foreach (var block in blocks.Where(b => b.Type == FlacBlockType.VorbisComment))
        {
            commentBlocks++;
            var comment = ReadComment(input, block);
            foreach (var (index, value) in comment.LabelValues())
            {
                sites.Add(new LabelSite("vorbis-comment", $"FLAC VORBIS_COMMENT block at {block.Offset}, comment {index}", value));
            }
        }

        if (commentBlocks > 1)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"FLAC has {commentBlocks} VORBIS_COMMENT blocks; the format allows one"));
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var (start, layout, oldLength) = Plan(input, label);
        input.Position = 0;
        input.CopyRange(output, start, "data before the FLAC metadata");
        layout.CopyTo(input, output);
        input.Position = start + oldLength;
        input.CopyRest(output);
    }

    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        var (start, layout, oldLength) = Plan(file, label);
        return layout.FitsInPlace(start, oldLength) && layout.TryWriteInPlace(file, start, MaxInPlaceSpan);
    }

    /// <summary>
    /// Builds the new metadata area (from the first block header to the first audio frame). Returns where it starts,
    /// the layout, and the old area's length.
    /// </summary>
    private static (long Start, FlacLayout Layout, long OldLength) Plan(Stream input, AigcLabel label)
    {
        var (start, blocks) = Walk(input);
        var json = LabelJson.Serialize(label);

        // Rewritten comment blocks: the first carries the label, any further one loses its label entries.
        var rewritten = new Dictionary<long, byte[]>();
        foreach (var block in blocks.Where(b => b.Type == FlacBlockType.VorbisComment))
        {
            rewritten[block.Offset] = ReadComment(input, block).WithLabel(rewritten.Count == 0 ? json : null).Encode();
        }

        byte[]? created = null;
        if (rewritten.Count == 0)
        {
            created = VorbisComment.Empty("Qinglang").WithLabel(json).Encode();
        }

        var growth = rewritten.Sum(r => (long)r.Value.Length - blocks.First(b => b.Offset == r.Key).Length)
            + (created is null ? 0 : FlacBlock.HeaderLength + created.Length);

        // The padding that absorbs the change: the first after the comment block, else the first anywhere.
        var anchor = blocks.FirstOrDefault(b => b.Type == FlacBlockType.VorbisComment).Offset;
        var padding = blocks.Where(b => b.Type == FlacBlockType.Padding).OrderBy(b => b.Offset < anchor ? 1 : 0).FirstOrDefault();
        var hasPadding = padding.Type == FlacBlockType.Padding;
        long? newPadding = null; // null: drop the padding block
        if (hasPadding && padding.Length - growth >= 0)
        {
            newPadding = padding.Length - growth;
        }
        else if (!hasPadding && growth <= 0)
        {
            // No padding to absorb a change: a shrink of at least a block header becomes new padding.
            newPadding = growth <= -FlacBlock.HeaderLength ? -growth - FlacBlock.HeaderLength : null;
        }
        else if (!hasPadding || padding.Length - growth != -FlacBlock.HeaderLength)
        {
            newPadding = GrowthPadding; // it does not fit: the audio moves once, and gets room for the next edit
        }

        // Where new blocks go: a created comment block before the padding (or last), padding after the comment.
        var entries = new List<(FlacBlockType Type, FlacBlock? Source, byte[]? Data)>();
        foreach (var block in blocks)
        {
            if (block.Type == FlacBlockType.Padding && hasPadding && block.Offset == padding.Offset)
            {
                if (created is not null)
                {
                    entries.Add((FlacBlockType.VorbisComment, null, created));
                    created = null;
                }

                if (newPadding is { } size)
                {
                    entries.Add((FlacBlockType.Padding, null, new byte[size]));
                }

                continue;
            }

            entries.Add((block.Type, block, rewritten.GetValueOrDefault(block.Offset)));
        }

        if (created is not null)
        {
            entries.Add((FlacBlockType.VorbisComment, null, created));
        }

        if (!hasPadding && newPadding is { } extra)
        {
            var after = entries.FindIndex(e => e.Type == FlacBlockType.VorbisComment) + 1;
            entries.Insert(after, (FlacBlockType.Padding, null, new byte[extra]));
        }

        var layout = new FlacLayout();
        for (var i = 0; i < entries.Count; i++)
        {
            var (type, source, data) = entries[i];
            var length = data?.Length ?? source!.Value.Length;
            layout.AddBytes(FlacBlock.EncodeHeader(type, length, isLast: i == entries.Count - 1));
            if (data is not null)
            {
                layout.AddBytes(data);
            }
            else
            {
                layout.AddCopy(source!.Value.DataOffset, length);
            }
        }

        var oldLength = blocks[^1].End - blocks[0].Offset;
        return (blocks[0].Offset, layout, oldLength);
    }

    /// <summary>
    /// Finds "fLaC" (after an optional ID3v2 tag) and every metadata block, checking each length against the file,
    /// STREAMINFO first, and that audio frames (or the end of the file) follow the last block.
    /// </summary>
    internal static (long MagicOffset, List<FlacBlock> Blocks) Walk(Stream input)
    {
        input.Position = 0;
        Span<byte> head = stackalloc byte[Id3Header.Length];
        input.ReadFully(head[..4], "FLAC signature");
        var magicAt = 0L;
        if (!head[..4].SequenceEqual(Magic))
        {
            input.Position = 0;
            input.ReadFully(head, "ID3v2 header before FLAC");
            if (!Id3Header.TryParse(head, out var tag))
            {
                throw new ContainerFormatException("not a FLAC signature", 0);
            }

            magicAt = tag.TotalLength;
            input.Skip(magicAt - Id3Header.Length, "ID3v2 tag before FLAC");
            input.ReadFully(head[..4], "FLAC signature");
            if (!head[..4].SequenceEqual(Magic))
            {
                throw new ContainerFormatException("no FLAC signature after the ID3v2 tag", magicAt);
            }
        }

        var blocks = new List<FlacBlock>();
        var position = magicAt + 4;
        while (true)
        {
            input.Position = position;
            input.ReadFully(head[..4], "FLAC metadata block header");
            var type = (FlacBlockType)(head[0] & 0x7F);
            var length = (head[1] << 16) | (head[2] << 8) | head[3];
            var block = new FlacBlock(type, position, length, (head[0] & 0x80) != 0);
            if (type == FlacBlockType.Invalid)
            {
                throw new ContainerFormatException("FLAC metadata block of the invalid type 127", position);
            }

            if (blocks.Count == 0 && (type != FlacBlockType.StreamInfo || length != 34))
            {
                throw new ContainerFormatException("FLAC metadata does not start with a 34-byte STREAMINFO block", position);
            }

            if (block.End > input.Length)
            {
                throw new ContainerFormatException($"FLAC {type} block claims {length} bytes but the file ends first", position);
            }

            blocks.Add(block);
            position = block.End;
            if (block.IsLast)
            {
                break;
            }
        }

        if (position < input.Length)
        {
            input.Position = position;
            input.ReadFully(head[..Math.Min(2, (int)(input.Length - position))], "FLAC frame header");
            if (input.Length - position < 2 || head[0] != 0xFF || (head[1] & 0xFE) != 0xF8)
            {
                throw new ContainerFormatException("no FLAC frame sync after the last metadata block (a block length is wrong)", position);
            }
        }

        return (magicAt, blocks);
    }

    private static VorbisComment ReadComment(Stream input, FlacBlock block)
    {
        input.Position = block.DataOffset;
        var data = input.ReadBlock(block.Length, FlacBlock.MaxLength, "FLAC VORBIS_COMMENT block");
        return VorbisComment.Parse(data, $"FLAC VORBIS_COMMENT block at {block.Offset}");
    }
}
