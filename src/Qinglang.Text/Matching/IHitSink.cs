namespace Qinglang.Text.Matching;

/// <summary>
/// Receives automaton hits. A struct implementation is passed by reference so the scan loop is specialised for it
/// and the call inlined: counting, collecting and filtering sinks cost nothing beyond what they do.
/// </summary>
public interface IHitSink
{
    /// <summary>Key <paramref name="key"/> occurs at <c>[start, end)</c>.</summary>
    void Hit(int start, int end, int key);
}
