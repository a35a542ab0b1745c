namespace Qinglang.Core;

/// <summary>
/// Category codes of the campaign taxonomy (shared/spec/taxonomy.md). Codes are stable once released; reports
/// group findings by prefix (<c>mod.</c>, <c>pii.</c>, <c>ai.</c>, <c>source.</c>, <c>label.</c>).
/// </summary>
public static class CategoryCodes
{
    public const string Politics = "mod.politics";
    public const string Terror = "mod.terror";
    public const string Porn = "mod.porn";
    public const string Vulgar = "mod.vulgar";
    public const string Gambling = "mod.gambling";
    public const string Drugs = "mod.drugs";
    public const string Weapons = "mod.weapons";
    public const string Fraud = "mod.fraud";
    public const string Abuse = "mod.abuse";
    public const string Ads = "mod.ads";
    public const string Spam = "mod.spam";
    public const string Illegal = "mod.illegal";

    public const string PiiIdCard = "pii.id_card";
    public const string PiiPhone = "pii.phone";
    public const string PiiBankCard = "pii.bank_card";
    public const string PiiEmail = "pii.email";
    public const string PiiAddress = "pii.address";

    public const string AiRumor = "ai.rumor";
    public const string AiMisinfo = "ai.misinfo";
    public const string AiSexual = "ai.sexual";
    public const string AiImpersonation = "ai.impersonation";
    public const string AiWaterArmy = "ai.water_army";
    public const string AiIllegalService = "ai.illegal_service";
    public const string AiMinors = "ai.minors";

    /// <summary>Every moderation and campaign code above with its Chinese name, as users see it.</summary>
    public static readonly IReadOnlyDictionary<string, string> ChineseNames = new Dictionary<string, string>
    {
        [Politics] = "涉政", [Terror] = "暴恐", [Porn] = "色情", [Vulgar] = "低俗", [Gambling] = "赌博", [Drugs] = "毒品",
        [Weapons] = "涉枪涉爆", [Fraud] = "诈骗", [Abuse] = "辱骂", [Ads] = "广告引流", [Spam] = "灌水/低质", [Illegal] = "其他违法",
        [PiiIdCard] = "身份证号", [PiiPhone] = "手机号", [PiiBankCard] = "银行卡号", [PiiEmail] = "电子邮箱", [PiiAddress] = "住址",
        [AiRumor] = "AI谣言", [AiMisinfo] = "AI不实信息", [AiSexual] = "AI色情低俗", [AiImpersonation] = "AI假冒他人",
        [AiWaterArmy] = "AI网络水军", [AiIllegalService] = "AI产品服务违规", [AiMinors] = "侵害未成年人权益",
    };

    /// <summary>True for a known code or a code under a known family (<c>pii.*</c>, <c>gbt45654.*</c>, …).</summary>
    public static bool IsKnown(string code) =>
        ChineseNames.ContainsKey(code) || code.StartsWith("pii.", StringComparison.Ordinal) || code.StartsWith("gbt45654.", StringComparison.Ordinal)
        || code.StartsWith("source.", StringComparison.Ordinal) || code.StartsWith("label.", StringComparison.Ordinal);
}
