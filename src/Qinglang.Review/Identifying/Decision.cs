namespace Qinglang.Review.Identifying;

/// <summary>The Label values of Measures Art. 6 and the notice a platform shows for each.</summary>
public static class Decision
{
    /// <summary>Metadata carries a valid implicit label saying the content is AI-generated.</summary>
    public const string Labeled = "1";

    /// <summary>No label, but the uploader declared the content AI-generated.</summary>
    public const string Declared = "2";

    /// <summary>Neither, but an explicit label or generation traces were found.</summary>
    public const string Suspected = "3";

    public const string AbsenceNote =
        "未发现隐式标识、用户声明或生成合成痕迹；元数据缺失不能证明内容不是人工智能生成的（截图、转码会去除元数据）。 "
        + "No implicit label, declaration or generation trace was found; absence of metadata does not prove the content "
        + "is not AI-generated (screenshots and re-encoding strip metadata).";

    /// <summary>The bilingual notice for a decision; null when there is nothing to show.</summary>
    public static string? Notice(string? decision) => decision switch
    {
        Labeled => "该内容是人工智能生成合成内容 · This content is AI-generated/synthesized",
        Declared => "该内容可能为人工智能生成合成内容 · This content may be AI-generated/synthesized (declared by the uploader)",
        Suspected => "该内容疑似人工智能生成合成内容 · This content is suspected to be AI-generated/synthesized",
        _ => null,
    };
}
