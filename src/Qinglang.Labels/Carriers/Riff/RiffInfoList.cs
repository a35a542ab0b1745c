using System.Text;

namespace Qinglang.Labels.Carriers.Riff;

/// <summary>One child of a <c>LIST 'INFO'</c> chunk: a four-character id and its (usually NUL-terminated) text.</summary>
internal sealed record RiffInfoEntry(string Id, long Offset, byte[] Data)
{
    public bool IsLabel => Id == RiffInfoList.LabelId;

    /// <summary>The text as stored: UTF-8, without the terminating NUL(s) INFO strings carry.</summary>
    public string Text => Encoding.UTF8.GetString(Data).TrimEnd('\0');

    public byte[] ToChunk() => RiffWriter.Chunk(Id, Data);
}

/// <summary>Reads and builds <c>LIST 'INFO'</c> chunks (RIFF metadata: INAM, ISFT, …, and the TC260 <c>AIGC</c> child).</summary>
internal static class RiffInfoList
{
    public const string ListType = "INFO";
    public const string LabelId = "AIGC";

    public static IReadOnlyList<RiffInfoEntry> Read(Stream input, RiffChunk list)
    {
        if (list.Size > RiffReader.MaxMetadataChunk)
        {
            throw new ContainerFormatException($"{list} is {list.Size} bytes, too large for an INFO list", list.Offset);
        }

        return [.. RiffReader.Children(input, list.ChildrenOffset, list.DataEnd)
            .ToList()
            .Select(child => new RiffInfoEntry(child.Id, child.Offset, RiffReader.ReadData(input, child)))];
    }

    /// <summary>A LIST INFO chunk of <paramref name="entries"/>.</summary>
    public static byte[] Build(IEnumerable<RiffInfoEntry> entries) => RiffWriter.List(ListType, entries.Select(e => e.ToChunk()));

    /// <summary>The label entry: the JSON as a NUL-terminated string, as INFO strings are.</summary>
    public static RiffInfoEntry LabelEntry(string json) => new(LabelId, -1, [.. Encoding.UTF8.GetBytes(json), 0]);
}
