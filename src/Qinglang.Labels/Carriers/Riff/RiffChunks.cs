namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// Public read-only view of the RIFF chunk walk (<see cref="RiffReader"/>): every size checked against the stream,
/// chunks yielded one at a time so a reader can keep what lies before a lie.
/// </summary>
public static class RiffChunks
{
    /// <summary>
    /// The top-level chunks of a RIFF-family file (WebP, WAV, AVI), from after the 12-byte RIFF header to the end of
    /// the stream. The RIFF size field is not trusted as the end. Throws <see cref="ContainerFormatException"/> at the
    /// first chunk whose size or id lies.
    /// </summary>
    public static IEnumerable<RiffChunk> TopLevel(Stream input) => RiffReader.Children(input, RiffHeader.ChildrenOffset, input.Length);
}
