using System.Text;
using Qinglang.Core;
using Qinglang.Labels.IO;
using Qinglang.Labels.Model;

namespace Qinglang.Labels.Carriers.Markdown;

/// <summary>
/// Markdown: the label is the <c>AIGC</c> mapping of the YAML front matter. Writing replaces every AIGC key with
/// one block-style mapping (creating the front matter if there is none) and keeps every other front matter line, the
/// body, the line endings and a UTF-8 byte order mark exactly as they were.
/// </summary>
public sealed class MarkdownCarrier : ILabelCarrier
{
    public string Format => "markdown";

    public bool Detect(ReadOnlySpan<byte> head) => MarkdownSniffer.IsMarkdown(head);

    public CarrierScan Read(Stream input)
    {
        var frontMatter = FrontMatter.Find(input);
        var sites = new List<LabelSite>();
        var findings = new List<Finding>();
        if (frontMatter.Lines is null)
        {
            return new CarrierScan(sites, findings);
        }

        foreach (var block in FrontMatterLabel.Find(frontMatter))
        {
            findings.AddRange(block.Findings);
            if (block.Json is not null)
            {
                sites.Add(new LabelSite(FrontMatterLabel.SiteKind, $"YAML front matter line {block.StartLine + 2} key {block.Key}", block.Json));
            }
        }

        return new CarrierScan(sites, findings);
    }

    public void Write(Stream input, Stream output, AigcLabel label)
    {
        var frontMatter = FrontMatter.Find(input);
        var head = frontMatter.Head;
        var newLine = frontMatter.NewLine;
        var labelBlock = Encoding.UTF8.GetBytes(FrontMatterLabel.Build(label, newLine));
        if (frontMatter.HasBom)
        {
            output.Write(head, 0, 3);
        }

        if (frontMatter.Lines is not { } lines)
        {
            if (frontMatter.StartsWithTomlFrontMatter)
            {
                // Hugo would take a YAML block put before it as the front matter and show the TOML as text.
                throw new LabelingException(ProblemCodes.Unsupported, "this Markdown file has TOML front matter (+++); only YAML front matter can carry the label");
            }

            output.Write(Encoding.UTF8.GetBytes("---" + newLine));
            output.Write(labelBlock);
            output.Write(Encoding.UTF8.GetBytes("---" + newLine));
        }
        else
        {
            var blocks = FrontMatterLabel.Find(frontMatter);
            var opening = frontMatter.OpeningLine;
            output.Write(head, opening.Start, opening.End - opening.Start);
            var insertAt = blocks.Count > 0 ? blocks[0].StartLine : lines.Count;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i == insertAt)
                {
                    output.Write(labelBlock);
                }

                if (blocks.Any(b => i >= b.StartLine && i < b.EndLine))
                {
                    continue;
                }

                output.Write(head, lines[i].Start, lines[i].End - lines[i].Start); // byte for byte, terminator included
            }

            if (insertAt == lines.Count)
            {
                output.Write(labelBlock);
            }

            var closing = frontMatter.ClosingLine;
            output.Write(head, closing.Start, closing.End - closing.Start);
        }

        input.Position = frontMatter.BodyStart;
        input.CopyRest(output);
    }
}
