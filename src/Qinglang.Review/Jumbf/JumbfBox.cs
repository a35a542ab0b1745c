namespace Qinglang.Review.Jumbf;

/// <summary>
/// One box of a JUMBF tree (ISO/IEC 19566-5). A superbox (<c>jumb</c>) has a description (<see cref="Label"/>,
/// <see cref="ContentType"/> from its <c>jumd</c>) and <see cref="Children"/>; a content box has <see cref="Payload"/>.
/// </summary>
public sealed record JumbfBox(string Type, long Offset, string? Label, Guid? ContentType, IReadOnlyList<JumbfBox> Children, ReadOnlyMemory<byte> Payload)
{
    public JumbfBox? Child(string label) => Children.FirstOrDefault(c => c.Label == label);

    /// <summary>The first content box of the given four-character type among the children.</summary>
    public JumbfBox? Content(string type) => Children.FirstOrDefault(c => c.Type == type);
}
