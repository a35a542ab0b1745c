using Qinglang.Labels.IO;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// Writes a labeled copy: the edited moov, every other top-level box stream-copied. When the moov changes size, a
/// free/skip box next to the label (inside the moov after udta, or right after the moov) absorbs the difference so
/// nothing moves; otherwise everything after the moov shifts and every absolute offset that points past it (stco/co64,
/// saio, tfhd base_data_offset, tfra, sidx) is rewritten to follow.
/// </summary>
internal sealed class Mp4Rewriter
{
    private enum Kind
    {
        Copy,
        Moov,
        Replace,
        ResizedFree,
        Drop,
        RetypedFree,
        Moof,
        Mfra,
        Sidx,
    }

    private sealed record Piece(BoxHeader Box, Kind Kind, long NewSize, byte[]? Bytes = null);

    private readonly Stream _input;
    private readonly TopLevelBoxes _top;

    public Mp4Rewriter(Stream input)
    {
        _input = input;
        _top = TopLevelBoxes.Read(input);
    }

    public void Write(Stream output, string json)
    {
        var (moovHeader, moov, _) = _top.LoadMoov(_input);
        MoovLabelEditor.Apply(moov, json);
        AbsorbInsideMoov(moov, moovHeader.Size);
        var tables = ChunkOffsetTables.Collect(moov);

        List<Piece> pieces = [];
        var map = new OffsetMap();
        for (var attempt = 0; ; attempt++)
        {
            pieces = Plan(moov.Size);
            map = Layout(pieces);
            if (map.IsIdentity || !tables.Apply(map))
            {
                break; // offsets final (a table that widened to 64 bits grew the moov: plan again)
            }

            if (attempt > 3)
            {
                throw new InvalidOperationException("chunk offset tables did not settle");
            }
        }

        Emit(output, pieces, moov.ToArray(), map);
    }

    /// <summary>A free/skip box right after moov/udta takes up the moov's growth (or its shrinkage), when it can.</summary>
    private static void AbsorbInsideMoov(Mp4Box moov, long originalSize)
    {
        var change = moov.Size - originalSize;
        var children = moov.Children!;
        var udta = children.FindIndex(c => c.Code == BoxTypes.Udta);
        if (change == 0 || udta < 0 || udta + 1 >= children.Count)
        {
            return;
        }

        var free = children[udta + 1];
        if (!BoxTypes.IsFree(free.Code) || free.Children is not null || free.LargeSize)
        {
            return;
        }

        var newSize = free.Size - change;
        if (newSize == 0)
        {
            children.RemoveAt(udta + 1);
        }
        else if (newSize >= 8)
        {
            var payload = new byte[newSize - 8];
            free.Payload.AsSpan(0, (int)Math.Min(payload.Length, free.Payload.Length)).CopyTo(payload);
            free.Payload = payload;
        }
    }

    private List<Piece> Plan(long moovSize)
    {
        var pieces = new List<Piece>();
        var moovIndex = _top.MoovIndex;
        var growth = moovSize - _top.Boxes[moovIndex].Size;
        for (var i = 0; i < _top.Boxes.Count; i++)
        {
            var box = _top.Boxes[i];
            if (i == moovIndex)
            {
                pieces.Add(new Piece(box, Kind.Moov, moovSize));
            }
            else if (i == moovIndex + 1 && growth != 0 && BoxTypes.IsFree(box.Code) && box is { LargeSize: false, SizeToEnd: false }
                     && (box.Size - growth == 0 || box.Size - growth >= 8))
            {
                pieces.Add(new Piece(box, box.Size == growth ? Kind.Drop : Kind.ResizedFree, box.Size - growth));
            }
            else if (box.Code == BoxTypes.Moov)
            {
                pieces.Add(new Piece(box, Kind.RetypedFree, box.Size)); // a second moov (interrupted edit) must not survive
            }
            else if (box.Code == BoxTypes.Moof || box.Code == BoxTypes.Mfra || box.Code == BoxTypes.Sidx)
            {
                pieces.Add(new Piece(box, box.Code == BoxTypes.Moof ? Kind.Moof : box.Code == BoxTypes.Mfra ? Kind.Mfra : Kind.Sidx, box.Size));
            }
            else if (box.Code == BoxTypes.Uuid && XmpWithoutLabel(box) is { } replacement)
            {
                pieces.Add(new Piece(box, Kind.Replace, replacement.Length, replacement));
            }
            else
            {
                pieces.Add(new Piece(box, Kind.Copy, box.Size));
            }
        }

        // A moov that shrank by at least a box header leaves a free box behind it, so the media stays where it is.
        if (growth <= -8 && !pieces.Any(p => p.Kind is Kind.ResizedFree or Kind.Drop))
        {
            pieces.Insert(moovIndex + 1, FreePiece(-growth));
        }

        AlignMovedMedia(pieces, moovIndex);
        return pieces;
    }

    /// <summary>
    /// Media that must move is moved by whole blocks: when the largest box the kernel copies after the moov would shift
    /// by a distance that is not a multiple of <see cref="KernelCopy.BlockSize"/>, the free box after the moov grows (or
    /// a new one is added) to round the shift up to one. The kernel then copies page onto page — a shift of a few
    /// bytes makes every page straddle two and costs ext4 about 60 % more CPU — and filesystems that share blocks
    /// (XFS, btrfs) can reflink the media instead of copying it. Costs under 4 KB of free space.
    /// </summary>
    private void AlignMovedMedia(List<Piece> pieces, int moovIndex)
    {
        long newOffset = 0, shift = 0, largest = 0;
        for (var i = 0; i < pieces.Count; i++)
        {
            var piece = pieces[i];
            if (i > moovIndex && piece.Kind == Kind.Copy && piece.Box.Size >= KernelCopy.MinimumBytes && piece.Box.Size > largest)
            {
                largest = piece.Box.Size;
                shift = newOffset - piece.Box.Offset;
            }

            newOffset += piece.Kind == Kind.Drop ? 0 : piece.NewSize;
        }

        var pad = (KernelCopy.BlockSize - (shift % KernelCopy.BlockSize)) % KernelCopy.BlockSize;
        if (largest == 0 || pad == 0)
        {
            return;
        }

        pad += pad < 8 ? KernelCopy.BlockSize : 0; // a free box is at least its 8-byte header
        var next = moovIndex + 1 < pieces.Count ? pieces[moovIndex + 1] : null;
        if (next is { Kind: Kind.ResizedFree or Kind.Drop or Kind.Copy, Box: { LargeSize: false, SizeToEnd: false } } && BoxTypes.IsFree(next.Box.Code) && next.NewSize + pad <= uint.MaxValue)
        {
            pieces[moovIndex + 1] = next with { Kind = Kind.ResizedFree, NewSize = next.NewSize + pad }; // a dropped box's NewSize is 0
        }
        else
        {
            pieces.Insert(moovIndex + 1, FreePiece(pad));
        }
    }

    /// <summary>A new free box of <paramref name="size"/> bytes; its zero-sized source box maps no offsets.</summary>
    private Piece FreePiece(long size)
    {
        var padding = new byte[size];
        BoxHeader.Write(padding, BoxTypes.Free, size);
        return new Piece(_top.Boxes[_top.MoovIndex] with { Size = 0 }, Kind.Replace, size, padding);
    }

    /// <summary>A top-level XMP uuid box with its label removed, or null when it is not one or holds no label.</summary>
    private byte[]? XmpWithoutLabel(BoxHeader box)
    {
        if (box.PayloadLength < 16 || box.PayloadLength > XmpLabel.MaxPacketBytes + 16)
        {
            return null;
        }

        var bytes = TopLevelBoxes.ReadWhole(_input, box, XmpLabel.MaxPacketBytes + 32);
        var payload = bytes.AsSpan(box.HeaderLength);
        if (!payload.StartsWith(BoxTypes.XmpUuid) || XmpLabel.Remove(payload[16..]) is not { } packet)
        {
            return null;
        }

        return Mp4Box.Leaf(BoxTypes.Uuid, [.. BoxTypes.XmpUuid, .. packet]).ToArray();
    }

    private static OffsetMap Layout(List<Piece> pieces)
    {
        var map = new OffsetMap();
        var at = 0L;
        foreach (var piece in pieces)
        {
            if (piece.Box.Size > 0 && piece.Kind != Kind.Drop)
            {
                map.Add(piece.Box.Offset, piece.Box.End, at);
            }

            at += piece.Kind == Kind.Drop ? 0 : piece.NewSize;
        }

        return map;
    }

    private void Emit(Stream output, List<Piece> pieces, byte[] moov, OffsetMap map)
    {
        foreach (var piece in pieces)
        {
            var box = piece.Box;
            var newOffset = output.Position;
            switch (piece.Kind)
            {
                case Kind.Moov:
                    output.Write(moov);
                    break;
                case Kind.Replace:
                    output.Write(piece.Bytes);
                    break;
                case Kind.Drop:
                    break;
                case Kind.ResizedFree:
                    var header = new byte[8];
                    BoxHeader.Write(header, box.Code, piece.NewSize);
                    output.Write(header);
                    _input.Position = box.PayloadOffset;
                    var kept = Math.Min(piece.NewSize, box.Size) - 8;
                    _input.CopyRange(output, kept, "free box");
                    output.Write(new byte[piece.NewSize - 8 - kept]); // a grown free box: its new bytes are zeros
                    break;
                case Kind.RetypedFree:
                    var retyped = new byte[box.HeaderLength];
                    _input.Position = box.Offset;
                    _input.ReadFully(retyped, "box header");
                    BoxHeader.Write(retyped, BoxTypes.Free, box.Size, box.LargeSize);
                    output.Write(retyped);
                    _input.CopyRange(output, box.PayloadLength, "stale moov");
                    break;
                case Kind.Moof or Kind.Mfra or Kind.Sidx when !map.IsIdentity:
                    var bytes = TopLevelBoxes.ReadWhole(_input, box, TopLevelBoxes.MaxFragmentBoxBytes);
                    if (piece.Kind == Kind.Moof)
                    {
                        FragmentOffsets.PatchMoof(bytes, box.Offset, map);
                    }
                    else if (piece.Kind == Kind.Mfra)
                    {
                        FragmentOffsets.PatchMfra(bytes, box.Offset, map);
                    }
                    else
                    {
                        FragmentOffsets.PatchSidx(bytes, box.Offset, newOffset, map);
                    }

                    output.Write(bytes);
                    break;
                default:
                    _input.Position = box.Offset;
                    _input.CopyRange(output, box.Size, $"'{box.Type}' box");
                    break;
            }
        }

        _input.Position = _top.Boxes[^1].End;
        _input.CopyRest(output);
    }
}
