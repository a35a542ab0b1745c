namespace Qinglang.Labels.Carriers;

/// <summary>Finds the carrier for a file by its first bytes (never by its name).</summary>
public sealed class CarrierRegistry(IEnumerable<ILabelCarrier> carriers)
{
    /// <summary>How many leading bytes detection looks at.</summary>
    public const int HeadLength = 4096;

    private readonly ILabelCarrier[] _carriers = [.. carriers];

    /// <summary>Every carrier Qinglang has, most specific magic first; text sniffing last.</summary>
    public static CarrierRegistry Default { get; } = new(CarrierCatalog.All());

    public IReadOnlyList<ILabelCarrier> Carriers => _carriers;

    public ILabelCarrier? Detect(ReadOnlySpan<byte> head)
    {
        foreach (var carrier in _carriers)
        {
            if (carrier.Detect(head))
            {
                return carrier;
            }
        }

        return null;
    }

    /// <summary>Reads the head of <paramref name="stream"/> and detects; the stream is left at position 0.</summary>
    public ILabelCarrier? Detect(Stream stream)
    {
        Span<byte> head = stackalloc byte[HeadLength];
        stream.Position = 0;
        var read = stream.ReadAtLeast(head, HeadLength, throwOnEndOfStream: false);
        stream.Position = 0;
        return Detect(head[..read]);
    }
}
