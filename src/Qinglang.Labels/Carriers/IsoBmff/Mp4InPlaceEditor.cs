using System.Buffers.Binary;
using Qinglang.Labels.IO;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Labels a file where it lies. The new moov is first written where no reader looks (inside a free box, or after the
/// end of the file), flushed, and then a single header write — the commit — makes it the movie's moov and turns the
/// old one into free space. Interrupted before that write, the file is unchanged for every reader; after it, it is
/// labeled. No media byte moves, except in a head relocation (<see cref="Mp4HeadRelocation"/>), which moves the first
/// few chunks of a moov-first file to its end the same crash-safe way.
/// Overwriting the old moov itself (even when the new one would fit) is deliberately not done: a crash halfway
/// would leave neither moov readable, so such files go through the copying writer instead.
/// </summary>
internal static class Mp4InPlaceEditor
{
    /// <param name="moovFirst">What to do when a moov ahead of the media has no free space to grow into.</param>
    /// <param name="proceed">Tests only: stops a head relocation after a step, as a crash would (see <see cref="Mp4HeadRelocation.Run"/>).</param>
    public static bool TryWrite(FileStream file, string json, MoovFirstInPlace moovFirst = MoovFirstInPlace.RelocateHead, Func<HeadRelocationStep, bool>? proceed = null)
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
            || Append(file, top, index, old, bytes, moovFirst == MoovFirstInPlace.MoveMoovToEnd)
            || (moovFirst == MoovFirstInPlace.RelocateHead && RelocateHead(file, top, old, moov, proceed));
    }

    /// <summary>A moov ahead of the media, growing: the media it would overwrite moves to the end (see <see cref="HeadRelocationPlan"/>).</summary>
    private static bool RelocateHead(FileStream file, TopLevelBoxes top, BoxHeader old, Mp4Box moov, Func<HeadRelocationStep, bool>? proceed)
    {
        if (HeadRelocationPlan.Make(top, old, moov) is not { } plan)
        {
            return false;
        }

        Mp4HeadRelocation.Run(file, plan, proceed);
        return true;
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
    /// A moov with only free space after it — or, when <paramref name="moovToEnd"/> allows, a moov ahead of the media:
    /// the new moov goes after the end of the file and the old one is retyped 'free'. No media byte moves, so no chunk
    /// offset changes. Three writes, each flushed before the next, so every state a crash can leave is a valid file:
    /// <list type="number">
    /// <item>append the new moov's body under a header that reads "free, to the end of the file": readers skip it,
    /// however much of it reached the disk (an 8-byte stub is "too short to be a box" trailing bytes);</item>
    /// <item>retype that header as a sized 'moov': now a second moov, which readers ignore — the first one wins;</item>
    /// <item>the commit: retype the old moov as 'free', and the appended moov is the movie's.</item>
    /// </list>
    /// </summary>
    private static bool Append(FileStream file, TopLevelBoxes top, int index, BoxHeader old, byte[] moov, bool moovToEnd)
    {
        var onlyFreeAfter = top.Boxes.Skip(index + 1).All(IsPlainFree);
        var shortHeader = BinaryPrimitives.ReadUInt32BigEndian(moov) != 1;
        if (top.TrailingLength != 0 || !shortHeader || !(onlyFreeAfter || (moovToEnd && CanMoveToEnd(top, moov))))
        {
            return false;
        }

        var end = top.Length;
        try
        {
            var pending = new byte[8];
            BoxHeader.Write(pending, BoxTypes.Free, 0); // size 0: "this box runs to the end of the file"
            WriteAt(file, end, pending);
            WriteAt(file, end + 8, moov.AsSpan(8));
            file.Flush(flushToDisk: true);
            WriteAt(file, end, moov.AsSpan(0, 8));
        }
        catch
        {
            TryTruncate(file, end);
            throw;
        }

        Span<byte> type = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(type, BoxTypes.Free);
        Commit(file, old.Offset + 4, type);
        return true;
    }

    /// <summary>
    /// Whether a moov ahead of other boxes can move to the end. Not for fragmented movies (their moov must precede
    /// the fragments it describes), nor when the last box runs "to the end of the file" (what is appended would
    /// become part of it).
    /// </summary>
    private static bool CanMoveToEnd(TopLevelBoxes top, byte[] moov)
    {
        var fragmented = top.Boxes.Any(b => b.Code == BoxTypes.Moof || b.Code == BoxTypes.Mfra || b.Code == BoxTypes.Sidx)
            || Mp4Box.ParseMoov(moov, 0).Child(BoxTypes.Mvex) is not null;
        return !fragmented && !top.Boxes[^1].SizeToEnd;
    }

    internal static void TryTruncate(FileStream file, long length)
    {
        try
        {
            file.SetLength(length);
        }
        catch (IOException)
        {
            // The file is valid without it: what was appended is a free box or trailing bytes.
        }
    }

    internal static bool IsPlainFree(BoxHeader box) => BoxTypes.IsFree(box.Code) && box is { LargeSize: false, SizeToEnd: false };

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

    internal static void WriteAt(FileStream file, long offset, ReadOnlySpan<byte> bytes)
    {
        file.Position = offset;
        file.Write(bytes);
    }

    /// <summary>Makes everything written so far durable, then performs the one small write that switches moovs.</summary>
    internal static void Commit(FileStream file, long offset, ReadOnlySpan<byte> header)
    {
        file.Flush(flushToDisk: true);
        WriteAt(file, offset, header);
        file.Flush(flushToDisk: true);
    }
}
