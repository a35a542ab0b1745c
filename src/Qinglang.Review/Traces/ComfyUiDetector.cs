using System.Text.Json;
using Qinglang.Review.Identifying;
using Qinglang.Review.Metadata;

namespace Qinglang.Review.Traces;

/// <summary>
/// ComfyUI's embedded graph: PNG text <c>prompt</c> (a JSON object of nodes, each with a <c>class_type</c>) and
/// <c>workflow</c> (a JSON object with a <c>nodes</c> array). The JSON is parsed with a depth limit.
/// </summary>
public sealed class ComfyUiDetector : ITraceDetector
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 64 };

    public IEnumerable<Evidence> Detect(MediaMetadata metadata)
    {
        foreach (var text in metadata.Texts.Where(t => t.Key is "prompt" or "workflow"))
        {
            if (Describe(text) is { } detail)
            {
                yield return new Evidence(EvidenceKinds.ComfyUi, text.Where, detail);
            }
        }
    }

    private static string? Describe(MetadataText text)
    {
        try
        {
            using var json = JsonDocument.Parse(text.Value, Options);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (text.Key == "workflow")
            {
                return root.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array
                    ? $"ComfyUI workflow with {nodes.GetArrayLength()} node(s)"
                    : null;
            }

            var classes = root.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("class_type", out var c) && c.ValueKind == JsonValueKind.String)
                .Select(p => p.Value.GetProperty("class_type").GetString()!)
                .Distinct()
                .ToList();
            return classes.Count > 0 ? $"ComfyUI prompt graph with nodes {string.Join(", ", classes.Take(8))}" : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
