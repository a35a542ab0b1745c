namespace Qinglang.Text.Recall;

/// <summary>
/// The bar the harness holds the pipeline to. Every kind here is something the normalizer claims to undo, so a
/// word it cannot see through is a bug, not noise: the default bar is 98%, leaving room only for rare collisions
/// where the sentence around a word merges with it (a repeated character meeting its own neighbour).
/// </summary>
public static class Thresholds
{
    public const double Recall = 0.98;
}
