namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>
/// How an in-place label edit treats an MP4/MOV whose moov lies ahead of the media ("fast start") and has no free space
/// to grow into. Whatever the choice, files the chosen way cannot handle safely are rewritten whole.
/// </summary>
public enum MoovFirstInPlace
{
    /// <summary>
    /// The default: the moov stays first; only the first few chunks of media it would overwrite move, to a new mdat at
    /// the end of the file. Near-constant time; a streaming player needs one extra range request for those chunks.
    /// </summary>
    RelocateHead,

    /// <summary>The moov moves to the end of the file and no media byte moves: near-constant time, but fast start is lost.</summary>
    MoveMoovToEnd,

    /// <summary>The whole file is rewritten (every media byte moves back, at copy speed): the layout stays the classic one.</summary>
    RewriteMedia,
}
