namespace Qinglang.Labels.Model;

/// <summary>The Label element's values (Annex E; Measures Art. 6).</summary>
public static class LabelValue
{
    /// <summary>The content is AI-generated or synthesized (是生成合成内容).</summary>
    public const string Generated = "1";

    /// <summary>The content may be AI-generated: the uploader declared it (可能为生成合成内容).</summary>
    public const string Possibly = "2";

    /// <summary>The content is suspected to be AI-generated: traces were detected (疑似为生成合成内容).</summary>
    public const string Suspected = "3";

    public static bool IsValid(string? value) => value is Generated or Possibly or Suspected;

    public static string Describe(string? value) => value switch
    {
        Generated => "AI-generated (是生成合成内容)",
        Possibly => "possibly AI-generated (可能为生成合成内容)",
        Suspected => "suspected AI-generated (疑似为生成合成内容)",
        null => "none",
        _ => $"invalid value '{value}'",
    };
}
