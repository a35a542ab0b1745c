using Qinglang.Core;

namespace Qinglang.Text.Detectors;

/// <summary>Small helpers shared by the detectors for building findings from original-text spans.</summary>
internal static class Spans
{
    /// <summary>A finding for <c>text[start..end]</c>, so its Text always matches the original exactly.</summary>
    public static TextFinding Finding(string text, string category, Severity severity, int start, int end, string normalized, string rule) =>
        new(category, severity, start, end, text[start..end], normalized, rule);

    /// <summary>True when an ASCII letter sits right before <paramref name="start"/> or at <paramref name="end"/>.</summary>
    public static bool GluedToAsciiLetters(string text, int start, int end) =>
        (start > 0 && char.IsAsciiLetter(text[start - 1])) || (end < text.Length && char.IsAsciiLetter(text[end]));
}
