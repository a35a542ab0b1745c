using Qinglang.Core;

namespace Qinglang.Text;

/// <summary>
/// Something found in a text. <see cref="Start"/>/<see cref="End"/> are UTF-16 offsets into the ORIGINAL text (end
/// exclusive), so <c>original[Start..End] == Text</c>; <see cref="Normalized"/> is what matched after normalization.
/// </summary>
/// <param name="Category">Taxonomy code (<see cref="CategoryCodes"/>).</param>
/// <param name="Rule">What matched: the lexicon entry, or the detector and pattern.</param>
public sealed record TextFinding(string Category, Severity Severity, int Start, int End, string Text, string Normalized, string Rule);
