namespace Qinglang.Labels.Explicit.Text;

/// <summary>
/// Puts a notice into text and Markdown (GB 45438 §5.1): on its own line in plain text, as its own blockquote
/// paragraph (<c>&gt; 由AI生成</c>) in Markdown, after the front matter that holds the implicit label. Every original
/// byte is kept: the notice is spliced in, encoded in the file's encoding with its line-ending style. A position
/// that already carries a conforming notice is left alone.
/// </summary>
public sealed class TextNoticeMarker : IExplicitMarker
{
    public string Media => "text";

    public IReadOnlyList<MarkPosition> Positions { get; } = [MarkPosition.Start, MarkPosition.End, MarkPosition.Both];

    public bool Handles(MarkInput input) => TextNoticeChecker.IsTextFormat(input.Format);

    public async Task<MarkResult> MarkAsync(MarkInput input, string output, MarkOptions options, CancellationToken cancellationToken)
    {
        var notice = options.Text.Trim();
        NoticeRules.EnsureValid(notice);
        var position = options.Position ?? Positions[0];
        if (!Positions.Contains(position))
        {
            throw new MarkingException($"text notices go at start, end or both, not {position}");
        }

        var document = Read(() => TextDocument.Load(input.Path, input.Format));
        var before = TextNoticeAnalysis.Of(document);
        var checks = new List<string>();
        var atStart = position is MarkPosition.Start or MarkPosition.Both ? Insertion(document, before, atEnd: false, notice, checks) : "";
        var atEnd = position is MarkPosition.End or MarkPosition.Both ? Insertion(document, before, atEnd: true, notice, checks) : "";
        if (atStart.Length > 0 && atEnd.Length > 0 && document.Text.AsSpan(document.BodyStart).IsWhiteSpace())
        {
            atEnd = ""; // an empty body: the one notice is both its start and its end
        }

        // The start notice goes after the front matter; the original bytes around it are copied, never re-encoded.
        var split = document.ByteOffset(document.BodyStart);
        var inserted = document.Form.Encoding.GetBytes(atStart);
        await using (var file = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await file.WriteAsync(document.Bytes.AsMemory(0, split), cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(inserted, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(document.Bytes.AsMemory(split), cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(document.Form.Encoding.GetBytes(atEnd), cancellationToken).ConfigureAwait(false);
        }

        Verify(document, output, position, (split, inserted.Length), checks);
        return new MarkResult(Media, position, checks);
    }

    /// <summary>The text to insert at the start or end, or "" when a conforming notice is already there.</summary>
    private static string Insertion(TextDocument document, TextNoticeAnalysis before, bool atEnd, string notice, List<string> checks)
    {
        var where = atEnd ? "end" : "start";
        if (before.At(atEnd) is { } existing)
        {
            checks.Add($"{where} already carries a conforming notice (line {existing.Line}: \"{existing.Text}\"); not added again");
            return "";
        }

        var text = document.Text;
        var newLine = document.NewLine;
        var line = document.IsMarkdown ? "> " + notice : notice;
        if (!atEnd)
        {
            var start = document.BodyStart;
            var lead = start > 0 && text[start - 1] != '\n' ? newLine : ""; // front matter closing line without a line break
            var rest = text.AsSpan(start);
            // Markdown: a blank line ends the quote, else the next paragraph would continue it.
            var gap = document.IsMarkdown && !(rest.StartsWith("\n") || rest.StartsWith("\r\n")) ? newLine : "";
            return lead + line + newLine + gap;
        }

        if (!text.EndsWith('\n'))
        {
            // Keep the file's choice of no final line break.
            return (document.IsMarkdown ? newLine + newLine : newLine) + line;
        }

        var trailing = text.AsSpan(text.AsSpan().TrimEnd().Length);
        var blankBefore = trailing.Count('\n') >= 2 || text.AsSpan(document.BodyStart).IsWhiteSpace();
        return (document.IsMarkdown && !blankBefore ? newLine : "") + line + newLine;
    }

    /// <summary>Reads the marked copy back: same encoding and line endings, a conforming notice where it was asked for.</summary>
    private static void Verify(TextDocument original, string output, MarkPosition position, (int At, int Length) insertion, List<string> checks)
    {
        var marked = Read(() => TextDocument.Load(output, original.Format));
        var after = TextNoticeAnalysis.Of(marked);
        if (marked.Form != original.Form)
        {
            throw new MarkingException($"the marked copy reads as {marked.Form.Name}, not {original.Form.Name}");
        }

        var copied = marked.Bytes.AsSpan(0, insertion.At).SequenceEqual(original.Bytes.AsSpan(0, insertion.At))
            && marked.Bytes.AsSpan(insertion.At + insertion.Length).StartsWith(original.Bytes.AsSpan(insertion.At));
        if (!copied)
        {
            throw new MarkingException("the marked copy does not hold the original bytes around the notice");
        }

        if (original.Text.Contains('\n') && marked.NewLine != original.NewLine)
        {
            throw new MarkingException("the marked copy changed the line-ending style");
        }

        foreach (var atEnd in position switch { MarkPosition.Start => [false], MarkPosition.End => [true], _ => new[] { false, true } })
        {
            var notice = after.At(atEnd) ?? throw new MarkingException($"the marked copy has no conforming notice at its {(atEnd ? "end" : "start")}");
            checks.Add($"notice at {TextNoticeJson.PositionName(notice.Position)}, line {notice.Line}: \"{notice.Text}\" (elements {string.Join(" + ", notice.Elements)})");
        }

        var style = original.Text.Contains('\n') ? original.NewLine == "\r\n" ? "CRLF" : "LF" : "no";
        checks.Add($"{marked.Form.Name} and {style} line endings kept; {original.Bytes.Length:N0} original bytes kept, {marked.Bytes.Length - original.Bytes.Length:N0} added");
    }

    private static TextDocument Read(Func<TextDocument> load)
    {
        try
        {
            return load();
        }
        catch (TextFormatException ex)
        {
            throw new MarkingException(ex.Message, ex);
        }
    }
}
