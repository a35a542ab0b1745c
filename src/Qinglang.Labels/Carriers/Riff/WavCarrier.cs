using System.Buffers.Binary;
using System.Text;
using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// WAV (RIFF 'WAVE', and RF64/BW64 with 64-bit sizes in ds64): the label is the RIFF chunk <c>AIGC</c> holding the bare
/// JSON; an <c>AIGC</c> child of <c>LIST 'INFO'</c> and a TC260 property in an Adobe <c>_PMX</c> XMP chunk are read as
/// alternatives. Writing removes every label (keeping the other INFO children and XMP properties) and
/// appends one <c>AIGC</c> chunk at the end of the RIFF, keeping every other chunk (fmt, LIST INFO, bext, …).
/// Long recordings are labeled in place when the label is, or can become, the file's last chunk.
/// </summary>
public sealed class WavCarrier : IInPlaceLabelCarrier
{
    private const string FormType = "WAVE";
    private const string LabelId = "AIGC";
    private const string DataId = "data";

    public string Format => "wav";

    public bool Detect(ReadOnlySpan<byte> head) => RiffReader.IsForm(head, FormType, allowRf64: true);

    public CarrierScan Read(Stream input)
    {
        var header = RiffReader.ReadHeader(input, FormType, allowRf64: true, allowUnsetSize: true);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        foreach (var chunk in TopLevel(input, header))
        {
            if (chunk.Id == LabelId)
            {
                sites.Add(new LabelSite("riff-chunk", chunk.ToString(), Text(RiffReader.ReadData(input, chunk))));
            }
            else if (chunk.Id == RiffXmpChunk.ChunkId)
            {
                sites.AddRange(RiffXmpChunk.Sites(input, chunk, findings));
            }
            else if (chunk.IsList(RiffInfoList.ListType))
            {
                foreach (var entry in RiffInfoList.Read(input, chunk).Where(e => e.IsLabel))
                {
                    sites.Add(new LabelSite("riff-info", $"{chunk} child '{entry.Id}' at {entry.Offset}", entry.Text));
                }
            }
        }

        if (header.SizeUnset)
        {
            findings.Add(Finding.Warning(ProblemCodes.ContainerCorrupt, "streamed WAV: the RIFF and data sizes were never filled in; labeling fills them in", "offset 4"));
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var header = RiffReader.ReadHeader(input, FormType, allowRf64: true, allowUnsetSize: true);
        var chunks = TopLevel(input, header);
        var patches = new List<RiffPatch>();
        foreach (var chunk in chunks)
        {
            if (chunk.Id == LabelId)
            {
                patches.Add(RiffPatch.Remove(chunk));
            }
            else if (chunk.Id == RiffXmpChunk.ChunkId && RiffXmpChunk.WithoutLabel(input, chunk) is { } xmp)
            {
                patches.Add(new RiffPatch(chunk.Offset, chunk.End, xmp));
            }
            else if (chunk.IsList(RiffInfoList.ListType))
            {
                var entries = RiffInfoList.Read(input, chunk);
                if (entries.Any(e => e.IsLabel))
                {
                    var kept = entries.Where(e => !e.IsLabel).ToList();
                    patches.Add(kept.Count == 0 ? RiffPatch.Remove(chunk) : new RiffPatch(chunk.Offset, chunk.End, RiffInfoList.Build(kept)));
                }
            }
        }

        // Appended after the last chunk (normally the data chunk, or a trailing LIST), inside the RIFF.
        var labelChunk = RiffWriter.Chunk(LabelId, Encoding.UTF8.GetBytes(LabelJson.Serialize(label)));
        var last = chunks.Count > 0 ? chunks[^1] : default;
        var insertAt = last.Id is null ? RiffHeader.ChildrenOffset : last.End;
        var padLast = last.PadMissing && !patches.Any(p => p.Start == last.Offset); // a rewritten or removed chunk needs none
        patches.Add(RiffPatch.Insert(insertAt, padLast ? [0, .. labelChunk] : labelChunk));

        if (header.SizeUnset)
        {
            // A chunk appended after an open-ended data chunk would be played as samples: state its real size.
            patches.AddRange(chunks.Where(c => c.Id == DataId).Select(c => new RiffPatch(c.Offset + 4, c.Offset + 8, RiffWriter.Size32(c.Size))));
        }

        var newSize = header.Size + patches.Sum(p => p.Bytes.Length - (p.End - p.Start));
        patches.AddRange(SizePatches(input, header, newSize));
        RiffWriter.Splice(input, output, patches);
    }

    /// <summary>
    /// Edits without copying the audio when the label can go at the very end of the file: appended (the RIFF size is
    /// the final small write, so an interruption leaves only ignored bytes past the RIFF), or, for a relabel whose
    /// chunk keeps its length, overwritten where it lies.
    /// </summary>
    public bool TryWriteInPlace(FileStream file, AigcLabel label)
    {
        var header = RiffReader.ReadHeader(file, FormType, allowRf64: true, allowUnsetSize: true);
        if (header.SizeUnset || header.DataEnd != file.Length)
        {
            return false;
        }

        var chunks = TopLevel(file, header);
        if (chunks.Count == 0 || chunks[^1].PadMissing || chunks.Any(c => IsOtherSite(file, c)))
        {
            return false;
        }

        var labelChunk = RiffWriter.Chunk(LabelId, Encoding.UTF8.GetBytes(LabelJson.Serialize(label)));
        var sites = chunks.Where(c => c.Id == LabelId).ToList();
        if (sites.Count == 0)
        {
            file.Position = file.Length;
            file.Write(labelChunk);
            file.Flush(flushToDisk: true);
            WritePatches(file, SizePatches(file, header, header.Size + labelChunk.Length));
            return true;
        }

        if (sites.Count == 1 && sites[0] == chunks[^1] && sites[0].End - sites[0].Offset == labelChunk.Length)
        {
            WritePatches(file, [RiffPatch.Overwrite(sites[0], labelChunk)]);
            return true;
        }

        return false;
    }

    /// <summary>A label site other than a top-level AIGC chunk (those need a rewrite, not an in-place edit).</summary>
    private static bool IsOtherSite(Stream input, RiffChunk chunk) =>
        (chunk.IsList(RiffInfoList.ListType) && RiffInfoList.Read(input, chunk).Any(e => e.IsLabel))
        || (chunk.Id == RiffXmpChunk.ChunkId && RiffXmpChunk.WithoutLabel(input, chunk) is not null);

    private static void WritePatches(FileStream file, IEnumerable<RiffPatch> patches)
    {
        foreach (var patch in patches)
        {
            file.Position = patch.Start;
            file.Write(patch.Bytes);
        }
    }

    private static List<RiffChunk> TopLevel(Stream input, RiffHeader header) =>
        [.. RiffReader.Children(input, RiffHeader.ChildrenOffset, header.DataEnd, header.Sizes, header.SizeUnset ? DataId : null)];

    /// <summary>A plain RIFF stores its size at offset 4; RF64 keeps 0xFFFFFFFF there and the real size in ds64.</summary>
    private static List<RiffPatch> SizePatches(Stream input, RiffHeader header, long newSize)
    {
        if (header.Sizes is null)
        {
            return [new RiffPatch(4, 8, RiffWriter.Size32(newSize))];
        }

        var ds64Size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(ds64Size, (ulong)newSize);
        var patches = new List<RiffPatch> { new(header.Sizes.Ds64.DataOffset, header.Sizes.Ds64.DataOffset + 8, ds64Size) };

        var field = new byte[4];
        input.Position = 4;
        input.ReadFully(field, "RF64 size field");
        if (BinaryPrimitives.ReadUInt32LittleEndian(field) != Rf64Sizes.Placeholder)
        {
            // A BW64 file small enough for a 32-bit size may state it here too; keep the two in agreement.
            BinaryPrimitives.WriteUInt32LittleEndian(field, newSize <= uint.MaxValue ? (uint)newSize : Rf64Sizes.Placeholder);
            patches.Add(new RiffPatch(4, 8, field));
        }

        return patches;
    }

    /// <summary>The chunk's text: UTF-8, without trailing NULs some writers add.</summary>
    private static string Text(byte[] data) => Encoding.UTF8.GetString(data).TrimEnd('\0');
}
