using Qinglang.Core;
using Qinglang.Labels.Carriers.Flac;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Mp3;

/// <summary>
/// MP3: the label is an ID3v2 TXXX frame described <c>AIGC</c> holding the JSON, in the ID3v2 tag at the start of
/// the file. Writing rebuilds that tag in the file's own version with every other frame kept byte for byte and one
/// label frame; when the new tag fits in the old one's size (padding absorbs it) the audio does not move and the edit
/// can be made in place. Audio frames and an ID3v1 tag at the end are copied untouched.
/// </summary>
public sealed class Mp3Carrier : IInPlaceLabelCarrier
{
    /// <summary>Tags larger than this (cover art of many megabytes) are refused rather than read into memory.</summary>
    private const int MaxTag = 64 << 20;

    /// <summary>Padding given to a tag that had to grow, so later edits fit in place.</summary>
    private const int GrowthPadding = 1024;

    /// <summary>
    /// A file without a tag gets ID3v2.3: it is the version every reader understands (Windows' property handler and
    /// many players read no v2.4), TXXX is the same frame in both, and a label is ASCII, which v2.3's ISO-8859-1 holds.
    /// </summary>
    private const byte NewTagVersion = 3;

    public string Format => "mp3";

    public bool Detect(ReadOnlySpan<byte> head) => Id3Header.TryParse(head, out _) || MpegFrameHeader.StartsStream(head);

    public CarrierScan Read(Stream input)
    {
        var tag = ReadTag(input);
        if (FlacFollows(input, tag))
        {
            return new FlacCarrier().Read(input) with { Format = "flac" };
        }

        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        if (tag is null)
        {
            return new CarrierScan(sites, findings);
        }

        var version = $"ID3v2.{tag.Header.Major}";
        if (tag.PlainFrameSizes)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, "ID3v2.4 tag stores frame sizes as plain numbers, not synchsafe (an old iTunes bug); read as such", version));
        }

        foreach (var frame in tag.Frames.Where(f => Id3UserText.IsUserTextId(f.Id)))
        {
            var where = $"{version} {frame.Id} frame at {Id3Header.Length + frame.Offset}";
            var content = tag.Content(frame);
            var text = content is null ? null : Id3UserText.Decode(content);
            if (text is null)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{where} is encrypted or has an unknown text encoding; it was not read", where));
            }
            else if (IsLabelDescription(text.Value.Description))
            {
                sites.Add(new LabelSite("id3-txxx", $"{where} description {text.Value.Description}", text.Value.Value));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var tag = ReadTag(input);
        if (FlacFollows(input, tag))
        {
            new FlacCarrier().Write(input, output, label);
            return;
        }

        var newTag = BuildTag(tag, label);
        output.Write(newTag);
        input.Position = tag?.Header.TotalLength ?? 0;
        input.CopyRest(output);
    }

    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        var tag = ReadTag(file);
        if (FlacFollows(file, tag))
        {
            return new FlacCarrier().TryWriteInPlace(file, label);
        }

        var newTag = BuildTag(tag, label);
        if (tag is null || newTag.Length != tag.Header.TotalLength)
        {
            return false;
        }

        // Overwrite only the bytes that differ, in one write: usually just the label frame and some padding.
        file.Position = 0;
        var old = file.ReadBlock(newTag.Length, MaxTag, "ID3v2 tag");
        var first = old.AsSpan().CommonPrefixLength(newTag);
        if (first == newTag.Length)
        {
            return true;
        }

        var last = newTag.Length - 1;
        while (old[last] == newTag[last])
        {
            last--;
        }

        file.Position = first;
        file.Write(newTag, first, last - first + 1);
        return true;
    }

    /// <summary>The tag at the start of the file, or null when the file starts with an MPEG audio frame.</summary>
    private static Id3Tag? ReadTag(Stream input)
    {
        input.Position = 0;
        Span<byte> head = stackalloc byte[Id3Header.Length];
        var read = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (!Id3Header.TryParse(head[..read], out var header))
        {
            if (MpegFrameHeader.FrameLength(head[..read]) == 0)
            {
                throw new ContainerFormatException("neither an ID3v2 tag nor an MPEG audio frame at the start", 0);
            }

            return null;
        }

        if (header.TotalLength > input.Length)
        {
            throw new ContainerFormatException($"ID3v2 tag claims {header.TotalLength} bytes but the file has {input.Length}", 0);
        }

        var body = input.ReadBlock(header.Size, MaxTag, "ID3v2 tag");
        return Id3Tag.Parse(header, body);
    }

    private static bool FlacFollows(Stream input, Id3Tag? tag)
    {
        if (tag is null || tag.Header.TotalLength + 4 > input.Length)
        {
            return false;
        }

        Span<byte> magic = stackalloc byte[4];
        input.Position = tag.Header.TotalLength;
        input.ReadFully(magic, "data after the ID3v2 tag");
        return magic.SequenceEqual("fLaC"u8);
    }

    private static bool IsLabelDescription(string description) =>
        description.Trim().Equals(Vorbis.VorbisComment.LabelField, StringComparison.OrdinalIgnoreCase);

    private static bool IsLabelFrame(Id3Tag tag, Id3Frame frame) =>
        Id3UserText.IsUserTextId(frame.Id) && tag.Content(frame) is { } content && Id3UserText.Decode(content) is { } text && IsLabelDescription(text.Description);

    /// <summary>
    /// The whole new tag: the old tag's version and flags (less the extended header, whose CRC and padding size would
    /// describe the old tag), its frames unchanged except that the label frames become one new TXXX frame.
    /// </summary>
    private static byte[] BuildTag(Id3Tag? tag, AigcLabel label)
    {
        var header = tag?.Header ?? new Id3Header(NewTagVersion, 0, 0, 0);
        if (header.Major == 2)
        {
            throw new LabelingException(ProblemCodes.FormatUnknown, "the MP3 has an ID3v2.2 tag, which has no room for a TXXX frame in its own version; convert the tag to ID3v2.3 or 2.4 first");
        }

        var content = Id3UserText.Encode(header.Major, Vorbis.VorbisComment.LabelField, LabelJson.Serialize(label));
        ushort frameFlags = 0;
        if (header.Major == 4 && header.Unsynchronised)
        {
            content = Synchsafe.Encode(content); // the tag flag says every frame is unsynchronised; say so per frame too
            frameFlags = 0x0002;
        }

        var labelFrame = Id3UserText.Frame(header.Major, content, frameFlags, plainSize: tag?.PlainFrameSizes ?? false);
        var frames = new MemoryStream();
        var placed = false;
        foreach (var frame in tag?.Frames ?? [])
        {
            if (!IsLabelFrame(tag!, frame))
            {
                frames.Write(frame.Raw);
            }
            else if (!placed)
            {
                frames.Write(labelFrame);
                placed = true;
            }
        }

        if (!placed)
        {
            frames.Write(labelFrame);
        }

        var body = frames.ToArray();
        if (header.Major == 3 && header.Unsynchronised)
        {
            body = Synchsafe.Encode(body); // v2.3 unsynchronises the whole tag; the frames above are in decoded form
        }

        // A tag with a footer has no padding; otherwise keep the old size when the frames fit, so the audio stays put.
        var size = header.HasFooter ? body.Length
            : tag is not null && body.Length <= header.Size ? header.Size
            : body.Length + GrowthPadding;
        var newHeader = header with { Flags = (byte)(header.Flags & ~0x40), Size = size };
        var result = new byte[newHeader.TotalLength];
        newHeader.Encode().CopyTo(result, 0);
        body.CopyTo(result, Id3Header.Length);
        if (newHeader.HasFooter)
        {
            newHeader.Encode("3DI").CopyTo(result, Id3Header.Length + size);
        }

        return result;
    }
}
