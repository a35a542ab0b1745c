namespace Qinglang.Similarity.Spin;

/// <summary>A spin table file that cannot be read as one: says which source and line.</summary>
public sealed class SpinTableException(string message) : Exception(message);
