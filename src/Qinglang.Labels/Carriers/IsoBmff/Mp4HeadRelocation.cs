using System.Buffers;

namespace Qinglang.Labels.Carriers.IsoBmff;

/// <summary>The points of a head relocation where a crash may leave the file (each one flushed to disk).</summary>
internal enum HeadRelocationStep
{
    /// <summary>The head and the new moov appended, under a header reading "free, to the end of the file".</summary>
    Appended,

    /// <summary>That header now reads 'mdat': the appended moov is a second moov, which readers ignore.</summary>
    TailMoovVisible,

    /// <summary>The front moov retyped 'free': a moov-last file with the new label.</summary>
    TailCommitted,

    /// <summary>The remaining media's mdat header written inside the old mdat's (now unused) head.</summary>
    RestMdatHeaderWritten,

    /// <summary>The front free box grown to end at that header, swallowing the old mdat header.</summary>
    FrontFreeGrown,

    /// <summary>The new moov's body and the slack's free header written inside the front free box.</summary>
    FrontMoovWritten,

    /// <summary>The front moov's header written: it is the movie's again; the tail moov is ignored.</summary>
    FrontCommitted,

    /// <summary>The tail moov retyped 'free', just before the file is cut to drop it.</summary>
    TailRetired,
}

/// <summary>
/// Labels a moov-first ("fast start") file in place while the moov stays first: the few chunks of media a bigger moov
/// would overwrite move to a new mdat at the end of the file (see <see cref="HeadRelocationPlan"/>); the rest of the
/// media does not move. Every write is flushed before the next, and every state a crash can leave is a valid file
/// that decodes as before, with the old label up to the retyping of the front moov and the new one after it.
/// </summary>
internal static class Mp4HeadRelocation
{
    private const int CopyBuffer = 1 << 20;

    /// <param name="proceed">
    /// Tests only: asked after each step whether to go on; false stops the edit there, leaving the file as a crash would.
    /// </param>
    public static void Run(FileStream file, HeadRelocationPlan plan, Func<HeadRelocationStep, bool>? proceed = null)
    {
        bool Stop(HeadRelocationStep step) => proceed is not null && !proceed(step);
        var header = new byte[8];
        try
        {
            // 1. Append the head and a complete moov, readers skipping both until the one header write that makes the
            // head an mdat. Until the front moov is retired, cutting the file back restores it exactly.
            BoxHeader.Write(header, BoxTypes.Free, 0); // size 0: "this box runs to the end of the file"
            Mp4InPlaceEditor.WriteAt(file, plan.AppendAt, header);
            CopyWithin(file, plan.HeadStart, plan.AppendAt + 8, plan.HeadLength);
            Mp4InPlaceEditor.WriteAt(file, plan.TailMoovAt, plan.Moov);
            file.Flush(flushToDisk: true);
            if (Stop(HeadRelocationStep.Appended))
            {
                return;
            }

            BoxHeader.Write(header, BoxTypes.Mdat, plan.HeadLength + 8);
            Mp4InPlaceEditor.WriteAt(file, plan.AppendAt, header);
            file.Flush(flushToDisk: true);
            if (Stop(HeadRelocationStep.TailMoovVisible))
            {
                return;
            }
        }
        catch
        {
            Mp4InPlaceEditor.TryTruncate(file, plan.AppendAt);
            throw;
        }

        // 2. The commit to the new label: the front moov's type becomes 'free', the tail moov is the movie's. From here
        // on nothing reads the old head where it was.
        Mp4InPlaceEditor.Commit(file, plan.MoovOffset + 4, "free"u8);
        if (Stop(HeadRelocationStep.TailCommitted))
        {
            return;
        }

        // 3. The rest of the media gets its own mdat header, inside the unused head; then the front free box grows to it.
        var restHeader = new byte[plan.MdatHeaderLength];
        BoxHeader.Write(restHeader, BoxTypes.Mdat, plan.MdatEnd - plan.RestMdatAt, plan.MdatHeaderLength == 16);
        Mp4InPlaceEditor.WriteAt(file, plan.RestMdatAt, restHeader);
        file.Flush(flushToDisk: true);
        if (Stop(HeadRelocationStep.RestMdatHeaderWritten))
        {
            return;
        }

        BoxHeader.Write(header, BoxTypes.Free, plan.RestMdatAt - plan.MoovOffset);
        Mp4InPlaceEditor.WriteAt(file, plan.MoovOffset, header);
        file.Flush(flushToDisk: true);
        if (Stop(HeadRelocationStep.FrontFreeGrown))
        {
            return;
        }

        // 4. The new moov inside the front free box, then its header: the front moov wins again.
        Mp4InPlaceEditor.WriteAt(file, plan.MoovOffset + 8, plan.Moov.AsSpan(8));
        BoxHeader.Write(header, BoxTypes.Free, plan.RestMdatAt - plan.MoovOffset - plan.Moov.Length);
        Mp4InPlaceEditor.WriteAt(file, plan.MoovOffset + plan.Moov.Length, header);
        file.Flush(flushToDisk: true);
        if (Stop(HeadRelocationStep.FrontMoovWritten))
        {
            return;
        }

        Mp4InPlaceEditor.Commit(file, plan.MoovOffset, plan.Moov.AsSpan(0, 8));
        if (Stop(HeadRelocationStep.FrontCommitted))
        {
            return;
        }

        // 5. The tail moov goes: retyped first, so a cut that does not reach the disk leaves only free space.
        Mp4InPlaceEditor.Commit(file, plan.TailMoovAt + 4, "free"u8);
        if (Stop(HeadRelocationStep.TailRetired))
        {
            return;
        }

        file.SetLength(plan.TailMoovAt);
    }

    /// <summary>Copies a range of the file to a later, non-overlapping place in it.</summary>
    private static void CopyWithin(FileStream file, long from, long to, long count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(CopyBuffer, Math.Max(count, 1)));
        try
        {
            for (long done = 0; done < count;)
            {
                file.Position = from + done;
                var read = file.Read(buffer, 0, (int)Math.Min(buffer.Length, count - done));
                if (read == 0)
                {
                    throw new ContainerFormatException("file ends inside the media being moved", from + done);
                }

                Mp4InPlaceEditor.WriteAt(file, to + done, buffer.AsSpan(0, read));
                done += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
