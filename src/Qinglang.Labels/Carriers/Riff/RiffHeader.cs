namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// The outermost chunk of a RIFF file: <c>RIFF</c> (or <c>RF64</c>/<c>BW64</c>), its size and form type.
/// </summary>
/// <param name="Magic">The four-character id at offset 0.</param>
/// <param name="FormType">The form type at offset 8: <c>WEBP</c>, <c>WAVE</c>, <c>AVI </c>.</param>
/// <param name="Size">The RIFF data size (from <c>ds64</c> for RF64), checked against the file length.</param>
/// <param name="Sizes">For RF64/BW64, the 64-bit sizes the <c>ds64</c> chunk gives; else null.</param>
/// <param name="SizeUnset">
/// True for a streamed file whose writer could not seek back to fill in sizes (RIFF size 0 or 0xFFFFFFFF, as
/// ffmpeg writes to a pipe): the RIFF then runs to the end of the file, and so may its last, open-ended chunk.
/// </param>
internal sealed record RiffHeader(string Magic, string FormType, long Size, Rf64Sizes? Sizes, bool SizeUnset = false)
{
    /// <summary>Where the first child chunk starts.</summary>
    public const long ChildrenOffset = 12;

    /// <summary>Offset just past the RIFF chunk's data (without its pad byte).</summary>
    public long DataEnd => 8 + Size;

    public bool IsRf64 => Sizes is not null;
}
