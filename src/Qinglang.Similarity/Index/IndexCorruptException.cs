namespace Qinglang.Similarity.Index;

/// <summary>
/// An index file failed a check (magic, version, checksum, length). <see cref="File"/> names it so the operator knows
/// what to restore; derived files (postings, document table) can be rebuilt from the record log.
/// </summary>
public sealed class IndexCorruptException(string file, string problem)
    : IOException($"{file}: {problem}")
{
    public string File { get; } = file;

    public string Problem { get; } = problem;
}
