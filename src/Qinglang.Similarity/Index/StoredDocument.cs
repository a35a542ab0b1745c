namespace Qinglang.Similarity.Index;

/// <summary>What the record log keeps of a document: its id, account, time and full fingerprint (never the text).</summary>
public sealed record StoredDocument(string Id, string Account, DateTimeOffset? Time, Fingerprint Fingerprint);
