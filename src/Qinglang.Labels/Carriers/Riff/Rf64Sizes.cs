namespace Qinglang.Labels.Carriers.Riff;

/// <summary>
/// The <c>ds64</c> chunk of an RF64 (EBU Tech 3306) or BW64 (ITU-R BS.2088) file: 64-bit sizes for the RIFF chunk,
/// the <c>data</c> chunk and any other chunk whose 32-bit size field holds 0xFFFFFFFF.
/// </summary>
/// <param name="Ds64">The <c>ds64</c> chunk itself (its first 8 data bytes hold the RIFF size).</param>
internal sealed record Rf64Sizes(RiffChunk Ds64, long RiffSize, long DataSize, IReadOnlyDictionary<string, long> Table)
{
    /// <summary>The 32-bit size value meaning "look in ds64".</summary>
    public const uint Placeholder = 0xFFFFFFFF;

    public long? SizeOf(string id) => id == "data" ? DataSize : Table.TryGetValue(id, out var size) ? size : null;
}
