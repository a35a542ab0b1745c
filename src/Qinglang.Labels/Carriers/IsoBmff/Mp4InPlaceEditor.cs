using System.Buffers.Binary;
using Qinglang.Labels.IO;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Labels a file where it lies, without moving any media byte. The new moov is first written where no reader looks
/// (inside a free box, or after the end of the file), flushed, and then a single header write — the commit — makes
/// it the movie's moov and turns the old one into free space. Interrupted before that write, the file is unchanged
/// for every reader; after it, it is labeled. Offsets never move, so no chunk table changes.
/// Overwriting the old moov itself (even when the new one would fit) is deliberately not done: a crash halfway
/// would leave neither moov readable, so such files go through the copying writer instead.
/// </summary>
internal static class Mp4InPlaceEditor
{
    public static bool TryWrite(FileStream file, string json)
    {
        var top = TopLevelBoxes.Read(file);
        var index = top.MoovIndex;
        if (index < 0 || top.Boxes.Count(b => b.Code == BoxTypes.Moov) > 1 || HasLabelOutsideMoov(file, top))
        {
            return false; // more than one edit would be needed: the copying writer handles it
        }

        var (old, moov, oldBytes) = top.LoadMoov(file);
        MoovLabelEditor.Apply(moov, json);
        var bytes = moov.ToArray();
        if (bytes.AsSpan().SequenceEqual(oldBytes) && !old.SizeToEnd)
        {
            return true; // the file already carries exactly this label
        }

        if (old.SizeToEnd)
        {
            return false;
        }

        var before = index > 0 ? top.Boxes[index - 1] : (BoxHeader?)null;
        var after = index + 1 < top.Boxes.Count ? top.Boxes[index + 1] : (BoxHeader?)null;
        return IntoFreeBefore(file, before, old, bytes)
            || IntoFreeAfter(file, after, old, bytes)
            || Append(file, top, index, old, bytes);
    }

    /// <summary>
    /// [free][moov] → [new moov][free spanning the rest of the free box and the old moov]. The commit rewrites the
    /// free box's header as the new moov's header.
    /// </summary>
    private static bool IntoFreeBefore(FileStream file, BoxHeader? free, BoxHeader old, byte[] moov)
    {
        var shortHeader = BinaryPrimitives.ReadUInt32BigEndian(moov) != 1; // the commit writes exactly 8 header bytes
        if (free is not { } box || !shortHeader || !IsPlainFree(box) || box.Size < moov.Length + 8 || old.End - (box.Offset + moov.Length) > uint.MaxValue)
        {
            return false;
        }

        var rest = new byte[8];
        BoxHeader.Write(rest, BoxTypes.Free, old.End - (box.Offset + moov.Length));
        WriteAt(file, box.Offset + 8, moov.AsSpan(8));
        WriteAt(file, box.Offset + moov.Length, rest);
        Commit(file, box.Offset, moov.AsSpan(0, 8));
        return true;
    }

    /// <summary>
    /// [moov][free] → [free over the old moov and the free header][new moov][free rest]. The commit rewrites the old
    /// moov's header as a free box 8 bytes longer, uncovering the new moov written inside the old free box.
    /// </summary>
    private static bool IntoFreeAfter(FileStream file, BoxHeader? free, BoxHeader old, byte[] moov)
    {
        if (free is not { } box || !IsPlainFree(box) || old.Size + 8 > uint.MaxValue)
        {
            return false;
        }

        var rest = box.Size - 8 - moov.Length;
        if (rest != 0 && rest < 8)
        {
            return false;
        }

        WriteAt(file, box.Offset + 8, moov);
        if (rest > 0)
        {
            var header = new byte[8];
            BoxHeader.Write(header, BoxTypes.Free, rest);
            WriteAt(file, box.Offset + 8 + moov.Length, header);
        }

        var commit = new byte[old.HeaderLength];
        BoxHeader.Write(commit, BoxTypes.Free, old.Size + 8, old.LargeSize);
        Commit(file, old.Offset, commit);
        return true;
    }

    /// <summary>
    /// A moov with only free space after it: the new moov goes after the end of the file; the commit retypes the old
    /// moov as 'free'. Until then the appended box is a second moov that readers skip (the first one wins).
    /// </summary>
    private static bool Append(FileStream file, TopLevelBoxes top, int index, BoxHeader old, byte[] moov)
    {
        var last = top.Boxes.Skip(index + 1).All(IsPlainFree) && top.TrailingLength == 0;
        if (!last)
        {
            return false;
        }

        WriteAt(file, top.Length, moov);
        Span<byte> type = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(type, BoxTypes.Free);
        Commit(file, old.Offset + 4, type);
        return true;
    }

    private static bool IsPlainFree(BoxHeader box) => BoxTypes.IsFree(box.Code) && box is { LargeSize: false, SizeToEnd: false };

    private static bool HasLabelOutsideMoov(FileStream file, TopLevelBoxes top)
    {
        foreach (var box in top.Boxes.Where(b => b.Code == BoxTypes.Uuid && b.PayloadLength is >= 16 and <= XmpLabel.MaxPacketBytes + 16))
        {
            var payload = TopLevelBoxes.ReadWhole(file, box, XmpLabel.MaxPacketBytes + 32).AsSpan(box.HeaderLength);
            if (payload.StartsWith(BoxTypes.XmpUuid) && XmpLabel.Remove(payload[16..]) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteAt(FileStream file, long offset, ReadOnlySpan<byte> bytes)
    {
        file.Position = offset;
        file.Write(bytes);
    }

    /// <summary>Makes everything written so far durable, then performs the one small write that switches moovs.</summary>
    private static void Commit(FileStream file, long offset, ReadOnlySpan<byte> header)
    {
        file.Flush(flushToDisk: true);
        WriteAt(file, offset, header);
        file.Flush(flushToDisk: true);
    }
}
