using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// The Stable Diffusion WebUI (AUTOMATIC1111, Forge) generation record: a PNG text chunk <c>parameters</c> holding
/// the prompt followed by a settings line such as <c>Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: …</c>; in a JPEG
/// or WebP the same text is the EXIF UserComment.
/// </summary>
public sealed class StableDiffusionDetector : ITraceDetector
{
    private static readonly string[] SettingKeys = ["Steps:", "Sampler:", "CFG scale:", "Seed:", "Model hash:"];

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var text in metadata.Named("parameters").Concat(metadata.Named(TiffFields.UserCommentKey)))
        {
            var settings = SettingKeys.Where(k => text.Value.Contains(k, StringComparison.Ordinal)).ToList();
            if (settings.Count >= 2)
            {
                yield return new Evidence(EvidenceKinds.StableDiffusion, text.Where,
                    $"Stable Diffusion WebUI generation parameters ({string.Join(" ", settings)}): \"{GeneratorSoftwareDetector.Shorten(text.Value)}\"");
            }
        }
    }
}
