namespace Qinglang.Similarity.Spin.Bench;

/// <summary>Fingerprints of the originals and of every setting's variants under one configuration.</summary>
internal static class Fingerprints
{
    public static (Fingerprint[] Originals, Dictionary<SpinSetting, Fingerprint[]> Variants) For(Workload workload, TextFingerprinter fingerprinter)
    {
        var originals = workload.Documents.Select(d => fingerprinter.Compute(d.Text)).ToArray();
        var variants = workload.Variants.ToDictionary(v => v.Key, v => v.Value.Select(fingerprinter.Compute).ToArray());
        return (originals, variants);
    }
}
