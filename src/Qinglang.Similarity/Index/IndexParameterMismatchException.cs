namespace Qinglang.Similarity.Index;

/// <summary>
/// The index was built with other fingerprint parameters than this program computes; its fingerprints cannot be
/// compared with new ones, so it is refused instead of returning silently wrong matches.
/// </summary>
public sealed class IndexParameterMismatchException(string folder, string stored, string current)
    : IOException($"{folder}: index built with fingerprint parameters [{stored}], this program uses [{current}]; rebuild the index from the source texts")
{
    public string Stored { get; } = stored;

    public string Current { get; } = current;
}
