namespace Qinglang.Similarity.Spin;

/// <summary>One line of a spin table: a spinner's <paramref name="Variant"/> maps back to <paramref name="Canonical"/> (手艺 → 技术).</summary>
public sealed record SubstitutionPair(string Variant, string Canonical);
