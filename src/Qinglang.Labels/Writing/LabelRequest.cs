using Qinglang.Labels.Signing;

namespace Qinglang.Labels.Writing;

/// <summary>
/// What to write. Null elements keep what the file's existing label says; given ones replace it. A producer
/// request gives ContentProducer/ProduceID; a platform adding its fields gives ContentPropagator/PropagateID.
/// </summary>
public sealed record LabelRequest
{
    public string? Label { get; init; }
    public string? ContentProducer { get; init; }
    public string? ProduceID { get; init; }
    public string? ContentPropagator { get; init; }
    public string? PropagateID { get; init; }

    /// <summary>Signs as producer when producer elements are given, as platform when propagator elements are.</summary>
    public Sm2KeyPair? SigningKey { get; init; }
}
