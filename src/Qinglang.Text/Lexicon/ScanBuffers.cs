using Qinglang.Text.Matching;
using Qinglang.Text.Normalization;

namespace Qinglang.Text.Lexicons;

/// <summary>
/// What <see cref="LexiconDetector.ScanHits"/> reuses from one call to the next on a thread: the normalized text with
/// its offset map, the matcher's hit list, the hits mapped back, and the lower-cased copy when there is no
/// normalizer. A <see cref="LexiconHits"/> reads them until the thread's next scan. Each is kept only while of
/// ordinary size (<see cref="DropIfHuge"/>): a one-off huge text must not pin its buffers for the thread's life.
/// </summary>
internal sealed class ScanBuffers
{
    /// <summary>Largest text (in characters) whose buffers are kept between scans: 4M, about 40 MB with its map.</summary>
    public const int KeptLength = 1 << 22;

    /// <summary>Largest hit count whose lists are kept (12 bytes a hit).</summary>
    private const int KeptHits = KeptLength / 8;

    private LexiconHit[] hits = [];
    private char[] lower = [];

    public NormalizationBuffer Normalized { get; private set; } = new();

    public List<LexiconMatch> Matches { get; private set; } = [];

    /// <summary>Room for <paramref name="count"/> hits.</summary>
    public Span<LexiconHit> Hits(int count)
    {
        if (hits.Length < count)
        {
            hits = new LexiconHit[Math.Max(count, hits.Length * 2)];
        }

        return hits.AsSpan(0, count);
    }

    /// <summary>The text lower-cased (one unit for one unit, so offsets are unchanged); a huge text gets its own copy.</summary>
    public ReadOnlySpan<char> LowerCased(string text)
    {
        if (text.Length > KeptLength)
        {
            return Lexicon.DefaultKey(text);
        }

        if (lower.Length < text.Length)
        {
            lower = new char[Math.Max(text.Length, Math.Min(KeptLength, lower.Length * 2))];
        }

        var span = lower.AsSpan(0, text.Length);
        InvariantLowerCase.Apply(text, span);
        return span;
    }

    /// <summary>Lets go of any buffer a huge text grew; a result handed out still holds the arrays it reads.</summary>
    public void DropIfHuge()
    {
        if (Normalized.TextArray.Length > KeptLength)
        {
            Normalized = new NormalizationBuffer();
        }

        if (Matches.Capacity > KeptHits)
        {
            Matches = [];
        }

        if (hits.Length > KeptHits)
        {
            hits = [];
        }
    }
}
