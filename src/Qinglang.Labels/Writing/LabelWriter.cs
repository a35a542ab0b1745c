using Qinglang.Labels.Carriers;
using Qinglang.Labels.Carriers.IsoBmff;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Writing;

/// <summary>
/// Labels one file: detects its carrier by content, merges the request into the existing label, writes exactly one
/// label site and checks the result before it replaces anything. Without an output path the file is changed in
/// place — by the carrier's in-place edit where it has one, else through a temporary file and an atomic rename.
/// </summary>
/// <param name="durable">Flush every written file to disk before it replaces anything (see <see cref="AtomicFile"/>).</param>
/// <param name="moovToEnd">
/// In place, an MP4/MOV whose moov precedes the media may have its moov moved to the end of the file instead of
/// being rewritten whole: near-constant time, but the file loses fast start (see docs/labels.md).
/// </param>
/// <param name="rewriteMedia">
/// In place, an MP4/MOV whose moov precedes the media and must grow is rewritten whole (every media byte moves back)
/// instead of having its first chunks of media moved to the end of the file, the default. <paramref name="moovToEnd"/> wins.
/// </param>
public sealed class LabelWriter(CarrierRegistry registry, bool durable = false, bool moovToEnd = false, bool rewriteMedia = false)
{
    private readonly MoovFirstInPlace _moovFirst =
        moovToEnd ? MoovFirstInPlace.MoveMoovToEnd : rewriteMedia ? MoovFirstInPlace.RewriteMedia : MoovFirstInPlace.RelocateHead;

    public LabelWriteResult Write(string input, string? output, LabelRequest request) =>
        Write(input, output, existing => LabelMerger.Merge(existing, request));

    /// <summary>
    /// Writes exactly <paramref name="label"/> — signatures included — replacing whatever label the file has: for
    /// carrying a label over to a derived file (an explicitly marked copy) whose content the signature does not cover.
    /// </summary>
    public LabelWriteResult Carry(string input, string? output, AigcLabel label) =>
        Write(input, output, _ => label);

    private LabelWriteResult Write(string input, string? output, Func<AigcLabel?, AigcLabel> decide)
    {
        var inPlace = output is null || Path.GetFullPath(output) == Path.GetFullPath(input);
        // A small file's handle stays open until the file has been replaced (see FileSource.OpenRead).
        var source = FileSource.OpenRead(input, out var original);
        try
        {
            var carrier = registry.Detect(source) ?? throw new LabelingException(ProblemCodes.FormatUnknown, $"{input}: not a format Qinglang can label (detected by content, not by name)");
            var scan = carrier.Read(source);
            var existing = scan.Sites.Select(s => LabelJson.Parse(s.Value, s.Location).Label).FirstOrDefault(l => l is not null);
            var label = decide(existing);

            if (inPlace && carrier is IInPlaceLabelCarrier editor)
            {
                // The edit needs the file to itself, so our read handles go first.
                source.Dispose();
                original?.Dispose();
                original = null;
                using var file = new FileStream(input, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16);
                var edited = editor is Mp4Carrier mp4 ? mp4.TryWriteInPlace(file, label, _moovFirst) : editor.TryWriteInPlace(file, label);
                if (edited)
                {
                    file.Flush(flushToDisk: durable);
                    Confirm(carrier, file, label);
                    return new LabelWriteResult(input, carrier.Format, label, InPlace: true);
                }

                file.Dispose();
                source = FileSource.OpenRead(input, out original);
            }

            var destination = output ?? input;
            if (source is MemoryStream)
            {
                // Small files are built and checked in memory, then written with one call.
                var built = BuildBuffer.Rent((int)source.Length + BuiltSlack);
                try
                {
                    source.Position = 0;
                    carrier.Write(source, built, label);
                    Confirm(carrier, built, label);
                    AtomicFile.Write(destination, built.GetBuffer().AsSpan(0, (int)built.Length), permissionsFrom: input, durable);
                }
                finally
                {
                    BuildBuffer.Return(built);
                }
            }
            else
            {
                AtomicFile.Write(destination, temp =>
                {
                    source.Position = 0;
                    carrier.Write(source, temp, label);
                    temp.Flush();
                    Confirm(carrier, temp, label);
                }, permissionsFrom: input, durable);
            }

            return new LabelWriteResult(destination, carrier.Format, label, InPlace: false);
        }
        finally
        {
            source.Dispose();
            original?.Dispose();
        }
    }

    /// <summary>Room for the label packet, so building a small file in memory does not regrow and copy its buffer.</summary>
    private const int BuiltSlack = 8 << 10;

    /// <summary>Reads back what was written: exactly one site, holding this label. Anything else is a bug, not a file.</summary>
    /// <summary>
    /// The read-back check's two JSON steps, remembered per thread: a batch writing one label parses and serializes it
    /// once (both are pure functions, so every file is still checked in full).
    /// </summary>
    private static readonly RecentResults<string, string?> ReadBacks = new(1);

    private static readonly RecentResults<AigcLabel, string> Canonical = new(1);

    /// <summary>The canonical JSON of the label a stored value parses to, or null when it is not a label.</summary>
    private static string? ReadBack(string value) => LabelJson.Parse(value).Label is { } label ? LabelJson.Serialize(label) : null;

    private static void Confirm(ILabelCarrier carrier, Stream written, AigcLabel label)
    {
        written.Position = 0;
        var scan = carrier.Read(written);
        if (scan.Sites.Count != 1)
        {
            throw new InvalidOperationException($"{carrier.Format} writer left {scan.Sites.Count} label sites instead of one");
        }

        if (ReadBacks.GetOrAdd(scan.Sites[0].Value, ReadBack) != Canonical.GetOrAdd(label, static l => LabelJson.Serialize(l)))
        {
            throw new InvalidOperationException($"{carrier.Format} writer stored a label that reads back differently");
        }
    }
}
