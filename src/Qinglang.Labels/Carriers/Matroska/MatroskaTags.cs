using Qinglang.Labels.IO;
using Qinglang.Labels.Xmp;

namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>A SimpleTag named AIGC, with a readable description of where it sits.</summary>
internal sealed record MatroskaLabelTag(EbmlNode SimpleTag, string Where, bool Global);

/// <summary>
/// The Tags tree: finding SimpleTags named <c>AIGC</c> (at any nesting, any target), removing them, and adding the
/// label as a SimpleTag of a global Tag (empty Targets = TargetTypeValue 50, the whole segment), which is where
/// ffmpeg's <c>-metadata AIGC=…</c> puts it and where ffprobe reports format tags from.
/// </summary>
internal static class MatroskaTags
{
    /// <summary>A Tags element larger than this is not read into memory.</summary>
    public const int MaxTagsSize = 16 << 20;

    public static EbmlNode Load(Stream input, EbmlElementHeader tags)
    {
        input.Position = tags.DataOffset;
        var data = input.ReadBlock(tags.DataSize, MaxTagsSize, $"Tags element at {tags.Offset}");
        return EbmlNode.ParseMaster(tags.Id, data, MatroskaIds.IsMetadataMaster, tags.SizeWidth);
    }

    public static IReadOnlyList<MatroskaLabelTag> LabelTags(EbmlNode tags, string where)
    {
        var found = new List<MatroskaLabelTag>();
        var index = 0;
        foreach (var tag in tags.ChildrenWithId(MatroskaIds.Tag))
        {
            index++;
            var global = IsGlobal(tag);
            var tagWhere = $"{where}, Tag {index} ({(global ? "global" : "targeted")})";
            Collect(tag, tagWhere, global, found);
        }

        return found;
    }

    public static bool IsLabelTag(EbmlNode simpleTag) =>
        simpleTag.Child(MatroskaIds.TagName)?.Text.Trim().Equals(XmpNames.Property, StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>Drops every AIGC SimpleTag, every Tag left without SimpleTags, and Void padding. True when anything went.</summary>
    public static bool RemoveLabels(EbmlNode tags)
    {
        var changed = tags.Children!.RemoveAll(c => c.Id == MatroskaIds.Void) > 0;
        foreach (var tag in tags.ChildrenWithId(MatroskaIds.Tag))
        {
            changed |= RemoveFrom(tag);
        }

        changed |= tags.Children.RemoveAll(c => c.Id == MatroskaIds.Tag && !c.ChildrenWithId(MatroskaIds.SimpleTag).Any()) > 0;
        return changed;
    }

    /// <summary>Adds the label to the first global Tag, or to a new global Tag at the end.</summary>
    public static void AddLabel(EbmlNode tags, string json)
    {
        var simpleTag = new EbmlNode(MatroskaIds.SimpleTag,
        [
            EbmlNode.FromText(MatroskaIds.TagName, XmpNames.Property),
            EbmlNode.FromText(MatroskaIds.TagString, json),
        ]);
        var global = tags.ChildrenWithId(MatroskaIds.Tag).FirstOrDefault(IsGlobal);
        if (global is null)
        {
            global = new EbmlNode(MatroskaIds.Tag, [new EbmlNode(MatroskaIds.Targets, new List<EbmlNode>())]);
            tags.Children!.Add(global);
        }

        global.Children!.Add(simpleTag);
    }

    public static bool HasTag(EbmlNode tags) => tags.ChildrenWithId(MatroskaIds.Tag).Any();

    /// <summary>A Tag about the whole segment: no Targets, or Targets naming no track/edition/chapter/attachment and level 50.</summary>
    private static bool IsGlobal(EbmlNode tag)
    {
        var targets = tag.Child(MatroskaIds.Targets);
        if (targets?.Children is null)
        {
            return true;
        }

        var level = targets.Child(MatroskaIds.TargetTypeValue)?.Unsigned ?? 50;
        var namesSomething = targets.Children.Any(c =>
            c.Id is MatroskaIds.TagTrackUid or MatroskaIds.TagEditionUid or MatroskaIds.TagChapterUid or MatroskaIds.TagAttachmentUid
            && c.Unsigned != 0);
        return level == 50 && !namesSomething;
    }

    private static void Collect(EbmlNode parent, string where, bool global, List<MatroskaLabelTag> found)
    {
        foreach (var simpleTag in parent.ChildrenWithId(MatroskaIds.SimpleTag))
        {
            var name = simpleTag.Child(MatroskaIds.TagName)?.Text ?? "";
            if (IsLabelTag(simpleTag))
            {
                found.Add(new MatroskaLabelTag(simpleTag, $"{where}, SimpleTag {name}", global));
            }

            Collect(simpleTag, $"{where}, SimpleTag {name}", global, found);
        }
    }

    private static bool RemoveFrom(EbmlNode parent)
    {
        var changed = parent.Children!.RemoveAll(c => c.Id == MatroskaIds.SimpleTag && IsLabelTag(c)) > 0;
        foreach (var simpleTag in parent.ChildrenWithId(MatroskaIds.SimpleTag))
        {
            changed |= RemoveFrom(simpleTag);
        }

        return changed;
    }
}
