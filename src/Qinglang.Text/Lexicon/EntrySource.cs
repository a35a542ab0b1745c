namespace Qinglang.Text.Lexicons;

/// <summary>Where an entry or issue came from: a file (or resource) name and a 1-based line, 0 when not from a line.</summary>
public readonly record struct EntrySource(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
