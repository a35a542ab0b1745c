namespace Qinglang.Similarity.Index;

/// <summary>A document to index: a caller-chosen id (unique per index), its text, who posted it and when.</summary>
public sealed record IndexDocument(string Id, string Text, string? Account = null, DateTimeOffset? Time = null);
