namespace Qinglang.Labels.Carriers;

/// <summary>
/// The bytes are not a well-formed container of the format a carrier handles (truncated, lying length field, bad
/// CRC, nesting too deep, …). Reported as <c>container.corrupt</c>; a writer that meets it writes nothing.
/// </summary>
public sealed class ContainerFormatException(string message, long? offset = null) : Exception(offset is { } at ? $"{message} (at byte {at})" : message)
{
    public long? Offset { get; } = offset;
}
