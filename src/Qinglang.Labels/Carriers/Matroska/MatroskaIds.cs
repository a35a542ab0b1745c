namespace Qinglang.Labels.Carriers.Matroska;

/// <summary>The EBML and Matroska element IDs this carrier reads (RFC 8794, RFC 9559), marker bits included.</summary>
internal static class MatroskaIds
{
    public const uint Ebml = 0x1A45DFA3;
    public const uint DocType = 0x4282;
    public const uint Void = 0xEC;
    public const uint Crc32 = 0xBF;

    public const uint Segment = 0x18538067;
    public const uint SeekHead = 0x114D9B74;
    public const uint Seek = 0x4DBB;
    public const uint SeekId = 0x53AB;
    public const uint SeekPosition = 0x53AC;
    public const uint Info = 0x1549A966;
    public const uint Tracks = 0x1654AE6B;
    public const uint Cluster = 0x1F43B675;
    public const uint Cues = 0x1C53BB6B;
    public const uint Attachments = 0x1941A469;
    public const uint Chapters = 0x1043A770;

    public const uint Tags = 0x1254C367;
    public const uint Tag = 0x7373;
    public const uint Targets = 0x63C0;
    public const uint TargetTypeValue = 0x68CA;
    public const uint TagTrackUid = 0x63C5;
    public const uint TagEditionUid = 0x63C9;
    public const uint TagChapterUid = 0x63C4;
    public const uint TagAttachmentUid = 0x63C6;
    public const uint SimpleTag = 0x67C8;
    public const uint TagName = 0x45A3;
    public const uint TagString = 0x4487;

    /// <summary>Elements that may follow a Cluster at Segment level: one of them ends an unknown-size Cluster.</summary>
    public static bool IsTopLevel(uint id) => id is SeekHead or Info or Tracks or Cluster or Cues or Attachments or Chapters or Tags or Segment or Ebml;

    /// <summary>Masters of the Tags and SeekHead trees (everything else is kept as raw data).</summary>
    public static bool IsMetadataMaster(uint id) => id is Tags or Tag or Targets or SimpleTag or SeekHead or Seek;
}
