namespace Qinglang.Labels.Explicit;

/// <summary>Puts a visible (or audible) AI notice into one kind of media.</summary>
public interface IExplicitMarker
{
    /// <summary>"text", "image", "video" or "audio".</summary>
    string Media { get; }

    /// <summary>The positions this marker accepts; the first is its default.</summary>
    IReadOnlyList<MarkPosition> Positions { get; }

    /// <summary>Whether this marker takes the input (by detected format; media markers may probe the streams).</summary>
    bool Handles(MarkInput input);

    /// <summary>
    /// Writes the marked copy to <paramref name="output"/> (a fresh temporary path whose extension matches the input's)
    /// and verifies it; throws <see cref="MarkingException"/> when the input cannot be marked.
    /// The caller carries the implicit label over and renames the result into place.
    /// </summary>
    Task<MarkResult> MarkAsync(MarkInput input, string output, MarkOptions options, CancellationToken cancellationToken);
}
