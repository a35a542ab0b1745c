namespace Qinglang.Similarity.Spin.Bench;

/// <summary>
/// One spin strength: the share of known-synonym words swapped, and whether clauses are rotated and shuffled. The
/// control <see cref="Edited"/> is a human-style edit instead (one clause dropped, an unrelated editor's sentence
/// added): a near-duplicate that must not be called spun.
/// </summary>
internal sealed record SpinSetting(double Strength, bool Reorder, bool Edited = false)
{
    public static IReadOnlyList<SpinSetting> All { get; } =
        [new SpinSetting(0, false, true), .. new[] { 0.0, 0.1, 0.3, 0.5, 0.7 }.SelectMany(s => new[] { new SpinSetting(s, false), new SpinSetting(s, true) })];

    /// <summary>Copies that are not spun: the exact copy and the edited one.</summary>
    public bool IsUnspun => Strength == 0 && !Reorder;

    public override string ToString() => Edited ? "edited copy  " : $"{Strength * 100,3:0}%{(Reorder ? " +reorder" : "         ")}";
}
