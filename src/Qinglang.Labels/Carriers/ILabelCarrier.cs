using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers;

/// <summary>
/// Reads and writes implicit labels in one container family. Carriers parse with bounded memory and never trust a
/// length field: a lie becomes a <see cref="ContainerFormatException"/>, never an oversized allocation.
/// </summary>
public interface ILabelCarrier
{
    /// <summary>Short lower-case format id: <c>jpeg</c>, <c>png</c>, <c>mp4</c>, …</summary>
    string Format { get; }

    /// <summary>True when the first bytes of a file (up to <see cref="CarrierRegistry.HeadLength"/>) are this format's.</summary>
    bool Detect(ReadOnlySpan<byte> head);

    /// <summary>Every label site in <paramref name="input"/> (a readable, seekable stream positioned anywhere).</summary>
    CarrierScan Read(Stream input);

    /// <summary>
    /// Writes a copy of <paramref name="input"/> to <paramref name="output"/> carrying <paramref name="label"/> as its
    /// one label: every existing site is replaced or removed, every other byte stays as it was where the format allows.
    /// </summary>
    void Write(Stream input, Stream output, AigcLabel label);
}

/// <summary>
/// A carrier that can sometimes label a file where it lies, without copying it (e.g. an MP4 whose moov is last).
/// The edit must leave a valid file if interrupted at any point before its final small write.
/// </summary>
public interface IInPlaceLabelCarrier : ILabelCarrier
{
    /// <summary>Labels the file in place and returns true, or returns false having changed nothing.</summary>
    bool TryWriteInPlace(FileStream file, AigcLabel label);
}
