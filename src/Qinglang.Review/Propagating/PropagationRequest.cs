using Qinglang.Labels.Signing;

namespace Qinglang.Review.Propagating;

/// <summary>The platform's own elements to add to an identified file (Measures Art. 6: 传播要素).</summary>
/// <param name="Platform">ContentPropagator: the platform's provider code.</param>
/// <param name="PropagateId">PropagateID: the platform's id of this content.</param>
/// <param name="SigningKey">When given, an SM2 signature over Label, ContentPropagator and PropagateID goes to ReservedCode2.</param>
public sealed record PropagationRequest(string Platform, string PropagateId, Sm2KeyPair? SigningKey = null);
