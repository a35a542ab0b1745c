namespace Qinglang.Review.Identifying;

/// <summary>
/// The platform's decision on one file (Measures Art. 6): <see cref="Decision"/> is "1", "2", "3" or null, with the
/// evidence behind it, the notice to show and, when nothing was found, the note that absence proves nothing.
/// <see cref="Error"/> is set when the file could not be read at all.
/// </summary>
public sealed record Identification(
    string Path,
    string? Format,
    string? Decision,
    IReadOnlyList<Evidence> Evidence,
    string? Notice,
    string? Note,
    string? Error = null)
{
    public bool Unreadable => Error is not null;
}
