using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// C2PA manifests (JUMBF in JPEG APP11, PNG caBX, ISO-BMFF uuid, RIFF C2PA). A manifest is a trace when one of its
/// actions carries a trained-algorithm <c>digitalSourceType</c> or its claim generator names a known generator;
/// otherwise it is reported without indicating AI. A store that cannot be read is reported as a problem.
/// </summary>
public sealed class C2paDetector : ITraceDetector
{
    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var store in metadata.C2paStores)
        {
            foreach (var problem in store.Problems)
            {
                yield return Evidence.Note(EvidenceKinds.C2paProblem, store.Where, $"C2PA manifest store unreadable or incomplete: {problem}");
            }

            foreach (var manifest in store.Manifests)
            {
                var generator = manifest.ClaimGenerator ?? "(no claim generator)";
                var ai = manifest.Actions.Where(a => a.DigitalSourceType is { } t && IptcSourceTypeDetector.IsTrained(t)).ToList();
                var actions = string.Join(", ", manifest.Actions.Select(a => a.DigitalSourceType is { } t ? $"{a.Action} ({t})" : a.Action));
                var detail = $"manifest {manifest.Label}: claim_generator \"{generator}\"; actions [{actions}]";
                if (ai.Count > 0)
                {
                    yield return new Evidence(EvidenceKinds.C2pa, store.Where, $"{detail}: made by a trained algorithm");
                }
                else if (manifest.ClaimGenerator is { } g && GeneratorNames.Match(g) is { } product)
                {
                    yield return new Evidence(EvidenceKinds.C2pa, store.Where, $"{detail}: claim generator is {product}");
                }
                else
                {
                    yield return Evidence.Note(EvidenceKinds.C2pa, store.Where, $"{detail}: no AI generation stated");
                }
            }
        }
    }
}
