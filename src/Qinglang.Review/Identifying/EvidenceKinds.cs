namespace Qinglang.Review.Identifying;

/// <summary>The stable codes of <see cref="Evidence.Kind"/>.</summary>
public static class EvidenceKinds
{
    public const string ImplicitLabel = "implicit-label";
    public const string LabelProblem = "implicit-label.problem";
    public const string Declared = "declared";
    public const string ExplicitLabel = "explicit-label";
    public const string C2pa = "c2pa";
    public const string C2paProblem = "c2pa.problem";
    public const string IptcSourceType = "iptc-digital-source-type";
    public const string StableDiffusion = "generator.sd-webui";
    public const string ComfyUi = "generator.comfyui";
    public const string NovelAi = "generator.novelai";
    public const string GeneratorSoftware = "generator.software";
    public const string MetadataProblem = "metadata.problem";
}
