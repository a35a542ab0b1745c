namespace Qinglang.Review.Cbor;

/// <summary>CBOR bytes that are malformed, truncated or beyond the reader's limits.</summary>
public sealed class CborException(string message) : Exception(message);
