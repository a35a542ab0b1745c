namespace Qinglang.Labels.Explicit;

/// <summary>An input that cannot be marked (undecodable, unsupported, a tool missing), with a message for the user.</summary>
public sealed class MarkingException(string message, Exception? inner = null) : Exception(message, inner);
