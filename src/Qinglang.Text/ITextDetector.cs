namespace Qinglang.Text;

/// <summary>One kind of text check (the lexicon matcher, contacts, personal information, SEO stuffing, …).</summary>
public interface ITextDetector
{
    /// <summary>Findings in <paramref name="text"/>, in order of their start offset.</summary>
    IEnumerable<TextFinding> Detect(string text);
}
