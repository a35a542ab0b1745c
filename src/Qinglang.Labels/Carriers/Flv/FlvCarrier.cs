using System.Buffers.Binary;
using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Flv;

/// <summary>
/// FLV: the label is the AMF0 string property <c>AIGC</c> of the onMetaData script tag's ECMA array (what ffmpeg
/// writes for <c>-metadata AIGC=…</c>). Writing re-encodes that one tag with every other property kept; the tags
/// after it shift, so the byte offsets onMetaData holds (keyframe index, file size) move with them.
/// </summary>
public sealed class FlvCarrier : ILabelCarrier
{
    private const string SiteKind = "flv-onmetadata";

    /// <summary>The largest data an FLV tag's 24-bit size field can state.</summary>
    private const int MaxTagData = 0xFFFFFF;

    public string Format => "flv";

    public bool Detect(ReadOnlySpan<byte> head) => FlvLayout.HasSignature(head);

    public CarrierScan Read(Stream input)
    {
        var layout = FlvLayout.Read(input);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        if (layout.BadPreviousSizes.Count > 0)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"{layout.BadPreviousSizes.Count} PreviousTagSize field(s) do not match their tag", $"first at byte {layout.BadPreviousSizes[0]}"));
        }

        foreach (var tag in layout.Tags.Where(t => t.IsScript))
        {
            if (tag.DataSize > FlvScript.MaxScriptSize)
            {
                findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, $"script tag of {tag.DataSize} bytes is too large to read for labels", $"byte {tag.Offset}"));
                continue;
            }

            var script = FlvScript.Load(input, tag);
            foreach (var property in script.Objects.SelectMany(o => o.Properties).Where(FlvScript.IsLabelName))
            {
                var where = $"script tag '{script.Name}' at byte {tag.Offset}, property {property.Name}";
                if (property.Value is Amf0String { Kind: not Amf0StringKind.Xml } text)
                {
                    sites.Add(new LabelSite(SiteKind, where, text.Text));
                }
                else
                {
                    findings.Add(Finding.Error(ProblemCodes.ValueType, $"the AIGC property is an AMF0 {property.Value.GetType().Name[4..]}, not a string", where));
                }
            }
        }

        return new CarrierScan(sites, findings, Format);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var layout = FlvLayout.Read(input);
        var oldLength = input.Length;
        var scripts = layout.Tags.Where(t => t.IsScript).Select(t => FlvScript.Load(input, t)).ToList();
        var meta = scripts.FirstOrDefault(s => s.Name == FlvScript.MetaDataName);
        var rewritten = scripts.Where(s => s != meta && s.RemoveLabels()).ToList();

        Amf0Object metadata;
        if (meta is null)
        {
            metadata = new Amf0Object(Amf0ObjectKind.EcmaArray, []);
            meta = new FlvScript(new FlvTag(layout.FirstTagOffset, FlvTag.ScriptData, 0), [Amf0String.Of(FlvScript.MetaDataName), metadata]);
        }
        else
        {
            metadata = meta.Objects.FirstOrDefault()
                ?? throw new LabelingException(ProblemCodes.Unsupported, $"onMetaData at byte {meta.Tag.Offset} holds no object or ECMA array to carry the label");
            meta.RemoveLabels();
            rewritten.Add(meta);
        }

        var inserted = !rewritten.Contains(meta);
        metadata.Properties.Add(Amf0Property.Of(XmpNames.Property, Amf0String.Of(LabelJson.Serialize(label))));

        // Sizes first (offsets are fixed-width numbers, so shifting them does not change any size), then offsets.
        var changes = rewritten.Select(s => (s.Tag.Offset, Delta: (long)Amf0Codec.EncodeAll(s.Values).Length - s.Tag.DataSize, Insert: false)).ToList();
        if (inserted)
        {
            changes.Add((meta.Tag.Offset, FlvTag.HeaderSize + Amf0Codec.EncodeAll(meta.Values).Length + 4L, true));
        }

        long Shift(long offset) => offset + changes.Where(c => c.Insert ? offset >= c.Offset : offset > c.Offset).Sum(c => c.Delta);
        FlvOffsets.Shift(metadata, Shift, oldLength, oldLength + changes.Sum(c => c.Delta));

        var patches = new List<(long Offset, long OldLength, byte[] Bytes)>();
        foreach (var script in rewritten)
        {
            patches.Add((script.Tag.Offset, script.Tag.TotalSize, BuildTag(ReadHeader(input, script.Tag), Amf0Codec.EncodeAll(script.Values))));
        }

        if (inserted)
        {
            patches.Add((meta.Tag.Offset, 0, BuildTag(new byte[FlvTag.HeaderSize] { FlvTag.ScriptData, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, Amf0Codec.EncodeAll(meta.Values))));
        }

        var at = 0L;
        foreach (var (offset, length, bytes) in patches.OrderBy(p => p.Offset))
        {
            input.Position = at;
            input.CopyRange(output, offset - at, "FLV tags");
            output.Write(bytes);
            at = offset + length;
        }

        input.Position = at;
        input.CopyRest(output);
    }

    private static byte[] ReadHeader(Stream input, FlvTag tag)
    {
        var header = new byte[FlvTag.HeaderSize];
        input.Position = tag.Offset;
        input.ReadFully(header, "FLV tag header");
        return header;
    }

    /// <summary>A tag with the header's type, timestamp and stream id, the new data, and its PreviousTagSize.</summary>
    private static byte[] BuildTag(byte[] header, byte[] data)
    {
        if (data.Length > MaxTagData)
        {
            throw new LabelingException(ProblemCodes.Unsupported, $"the script tag would be {data.Length} bytes, more than FLV's 24-bit tag size allows");
        }

        var tag = new byte[FlvTag.HeaderSize + data.Length + 4];
        header.CopyTo(tag, 0);
        tag[1] = (byte)(data.Length >> 16);
        tag[2] = (byte)(data.Length >> 8);
        tag[3] = (byte)data.Length;
        data.CopyTo(tag, FlvTag.HeaderSize);
        BinaryPrimitives.WriteUInt32BigEndian(tag.AsSpan(FlvTag.HeaderSize + data.Length), (uint)(FlvTag.HeaderSize + data.Length));
        return tag;
    }
}
