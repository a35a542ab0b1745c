using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>
/// Decides where the new Tags element goes without moving any Cluster (Cues and SeekHead hold positions relative to
/// the Segment data start). Space that can be rewritten comes in runs of adjacent level-1 elements: a SeekHead or the
/// old Tags element followed by Void padding (ffmpeg reserves a Void after the SeekHead). The new Tags goes, in order
/// of preference: where the old Tags was; into a run before the first Cluster; into any other run; at the end of the
/// Segment. The SeekHead's Tags entry is pointed at the new place (or added when the Tags lands after a Cluster).
/// </summary>
internal sealed class MatroskaTagsPlacement
{
    /// <summary>Adjacent rewritable level-1 elements; <paramref name="OpenEnded"/> when the run reaches the Segment's end.</summary>
    private sealed record Run(long Offset, long Length, EbmlElementHeader? SeekHead, bool ContainsBase, bool OpenEnded);

    private readonly MatroskaSegment _segment;
    private readonly EbmlElementHeader? _baseTags;
    private readonly HashSet<ulong> _oldTagPositions;
    private readonly EbmlNode _newTags;
    private readonly List<EbmlElementHeader> _seekHeads;
    private readonly Dictionary<long, byte[]> _seekHeadData = [];
    private readonly long _firstCluster;
    private readonly List<Run> _runs;

    private MatroskaTagsPlacement(Stream input, MatroskaSegment segment, EbmlElementHeader? baseTags, IEnumerable<long> oldTagOffsets, EbmlNode newTags, bool allowGrowth)
    {
        _segment = segment;
        _baseTags = baseTags;
        _oldTagPositions = [.. oldTagOffsets.Select(Relative)];
        _newTags = newTags;
        _seekHeads = [.. segment.Elements.Where(e => e.Id == MatroskaIds.SeekHead)];
        foreach (var seekHead in _seekHeads)
        {
            input.Position = seekHead.DataOffset;
            _seekHeadData[seekHead.Offset] = input.ReadBlock(seekHead.DataSize, MatroskaSeekHead.MaxSeekHeadSize, $"SeekHead at {seekHead.Offset}");
        }

        var cluster = segment.Elements.FirstOrDefault(e => e.Id == MatroskaIds.Cluster);
        _firstCluster = cluster.Id == MatroskaIds.Cluster ? cluster.Offset : long.MaxValue;
        _runs = FindRuns(allowGrowth);
    }

    /// <summary>
    /// The patches that place <paramref name="newTags"/>, void <paramref name="baseTags"/> if it moves, and update the
    /// SeekHead and Segment size. <paramref name="oldTagOffsets"/> are Tags elements whose SeekHead entries follow the move.
    /// Without <paramref name="allowGrowth"/> the Segment keeps its length (for an in-place edit). The patch that makes
    /// the new Tags live comes last.
    /// </summary>
    public static IReadOnlyList<EbmlPatch> Plan(Stream input, MatroskaSegment segment, EbmlElementHeader? baseTags, IEnumerable<long> oldTagOffsets, EbmlNode newTags, bool allowGrowth)
    {
        var placement = new MatroskaTagsPlacement(input, segment, baseTags, oldTagOffsets, newTags, allowGrowth);
        var candidates = placement._runs.Where(r => r.ContainsBase)
            .Concat(placement._runs.Where(r => !r.ContainsBase && r.Offset < placement._firstCluster))
            .Concat(placement._runs.Where(r => !r.ContainsBase && r.Offset >= placement._firstCluster))
            .ToList();
        if (allowGrowth && !candidates.Any(r => r.OpenEnded))
        {
            candidates.Add(new Run(segment.DataEnd, 0, null, ContainsBase: false, OpenEnded: true));
        }

        foreach (var run in candidates)
        {
            if (placement.TryPlace(run) is { } patches)
            {
                return patches;
            }
        }

        throw new LabelingException(ProblemCodes.Unsupported,
            "no room for the Tags element: the SeekHead cannot be updated in place (its Void padding is too small) or the Segment size field is too narrow");
    }

    private ulong Relative(long offset) => (ulong)(offset - _segment.DataStart);

    private List<Run> FindRuns(bool allowGrowth)
    {
        var elements = _segment.Elements;
        var runs = new List<Run>();
        var i = 0;
        while (i < elements.Count)
        {
            var first = elements[i];
            if (first.Id != MatroskaIds.SeekHead && !IsFree(first))
            {
                i++;
                continue;
            }

            var containsBase = IsBase(first);
            var j = i + 1;
            while (j < elements.Count && IsFree(elements[j]))
            {
                containsBase |= IsBase(elements[j]);
                j++;
            }

            var end = elements[j - 1].End;
            var seekHead = first.Id == MatroskaIds.SeekHead ? first : (EbmlElementHeader?)null;
            runs.Add(new Run(first.Offset, end - first.Offset, seekHead, containsBase, OpenEnded: allowGrowth && end == _segment.DataEnd));
            i = j;
        }

        return runs;
    }

    private bool IsBase(EbmlElementHeader element) => _baseTags is { } b && element.Offset == b.Offset;

    private bool IsFree(EbmlElementHeader element) => element.Id == MatroskaIds.Void || IsBase(element);

    /// <summary>The patches for the new Tags placed in <paramref name="target"/>, or null when something does not fit.</summary>
    private List<EbmlPatch>? TryPlace(Run target)
    {
        // The Tags position depends on the SeekHead's new length when both share the run; a few rounds settle it.
        var position = target.Offset + (target.SeekHead?.TotalSize ?? 0);
        Dictionary<long, EbmlNode>? heads = null;
        HashSet<long>? changed = null;
        for (var round = 0; ; round++)
        {
            if (round == 4)
            {
                return null;
            }

            (heads, changed) = UpdatedSeekHeads(Relative(position), position >= _firstCluster);
            if (heads is null)
            {
                return null;
            }

            var next = target.Offset + (target.SeekHead is { } own ? heads[own.Offset].Serialize().Length : 0);
            if (next == position)
            {
                break;
            }

            position = next;
        }

        var patches = new List<EbmlPatch>();
        var rewritten = new List<Run> { target };
        List<EbmlNode> items = target.SeekHead is { } s ? [heads[s.Offset], _newTags] : [_newTags];
        if (EbmlPatch.Pack(items, target.Length, target.OpenEnded) is not { } packed)
        {
            return null;
        }

        patches.Add(new EbmlPatch(target.Offset, target.Length, packed.Head, packed.Zeros));
        foreach (var offset in changed!.Where(o => target.SeekHead?.Offset != o))
        {
            var run = _runs.First(r => r.SeekHead?.Offset == offset);
            var seekHead = run.SeekHead!.Value;
            var bytes = heads[offset].Serialize();
            if (bytes.Length == seekHead.TotalSize)
            {
                patches.Add(new EbmlPatch(seekHead.Offset, seekHead.TotalSize, bytes)); // same width: only the entry changes
                continue;
            }

            if (EbmlPatch.Pack([heads[offset]], run.Length, openEnded: false) is not { } head)
            {
                return null;
            }

            patches.Add(new EbmlPatch(run.Offset, run.Length, head.Head, head.Zeros));
            rewritten.Add(run);
        }

        if (_baseTags is { } old && !rewritten.Any(r => old.Offset >= r.Offset && old.End <= r.Offset + r.Length))
        {
            patches.Add(EbmlPatch.Void(old.Offset, old.TotalSize));
        }

        if (target.OpenEnded)
        {
            var delta = packed.Head.Length + packed.Zeros - target.Length;
            if (SegmentSizePatch(delta) is { } sizePatch)
            {
                patches.Add(sizePatch);
            }
            else if (delta != 0 && !_segment.Header.UnknownSize)
            {
                return null;
            }
        }

        patches.Add(patches[0]); // the target run, which makes the new Tags live, goes last
        patches.RemoveAt(0);
        return patches;
    }

    /// <summary>
    /// Fresh copies of the SeekHeads with Tags entries pointing at <paramref name="position"/>; an entry is added to
    /// the first SeekHead when the Tags lies after a Cluster and nothing points at it. Null heads when that is needed
    /// and there is no SeekHead.
    /// </summary>
    private (Dictionary<long, EbmlNode>? Heads, HashSet<long> Changed) UpdatedSeekHeads(ulong position, bool afterCluster)
    {
        var heads = new Dictionary<long, EbmlNode>();
        var changed = new HashSet<long>();
        foreach (var seekHead in _seekHeads)
        {
            var node = EbmlNode.ParseMaster(seekHead.Id, _seekHeadData[seekHead.Offset], MatroskaIds.IsMetadataMaster, seekHead.SizeWidth);
            if (MatroskaSeekHead.Repoint(node, _oldTagPositions, position))
            {
                changed.Add(seekHead.Offset);
            }

            heads[seekHead.Offset] = node;
        }

        if (afterCluster && !heads.Values.Any(h => MatroskaSeekHead.TagsPositions(h).Contains(position)))
        {
            if (_seekHeads.Count == 0)
            {
                return (null, changed);
            }

            MatroskaSeekHead.AddTagsEntry(heads[_seekHeads[0].Offset], position);
            changed.Add(_seekHeads[0].Offset);
        }

        return (heads, changed);
    }

    /// <summary>Rewrites a known Segment size grown or shrunk by <paramref name="delta"/>; null when unknown, unchanged or too wide.</summary>
    private EbmlPatch? SegmentSizePatch(long delta)
    {
        var header = _segment.Header;
        if (header.UnknownSize || delta == 0)
        {
            return null;
        }

        var size = (ulong)(header.DataSize + delta);
        if (size >= EbmlVint.AllOnes(header.SizeWidth))
        {
            return null;
        }

        var field = new byte[header.SizeWidth];
        EbmlVint.WriteSize(field, size, header.SizeWidth);
        return new EbmlPatch(header.Offset + EbmlVint.IdWidth(header.Id), header.SizeWidth, field);
    }
}
