using System.Text.Json;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// NovelAI's image metadata: PNG text <c>Software</c> = <c>NovelAI</c>, <c>Source</c> naming a NovelAI model, and
/// <c>Comment</c> holding its JSON generation settings (<c>steps</c>, <c>sampler</c>, <c>uc</c>, <c>scale</c>…).
/// </summary>
public sealed class NovelAiDetector : ITraceDetector
{
    private static readonly string[] SettingKeys = ["steps", "sampler", "uc", "scale", "seed", "n_samples"];

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var text in metadata.Texts)
        {
            if (text.Key is "Software" or "Source" && text.Value.Contains("NovelAI", StringComparison.OrdinalIgnoreCase))
            {
                yield return new Evidence(EvidenceKinds.NovelAi, text.Where, $"{text.Key} \"{GeneratorSoftwareDetector.Shorten(text.Value)}\"");
            }
            else if (text.Key == "Comment" && Settings(text.Value) is { Count: >= 3 } keys)
            {
                yield return new Evidence(EvidenceKinds.NovelAi, text.Where, $"Comment holds NovelAI generation settings ({string.Join(", ", keys)})");
            }
        }
    }

    private static List<string>? Settings(string value)
    {
        if (!value.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(value, new JsonDocumentOptions { MaxDepth = 32 });
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? SettingKeys.Where(k => json.RootElement.TryGetProperty(k, out _)).ToList()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
