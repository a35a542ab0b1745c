using System.Globalization;
using System.Text;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>Writes PDF objects in their file syntax (ISO 32000-1 §7.3). Strings keep their literal or hex spelling.</summary>
internal static class PdfSerializer
{
    public static void Write(Stream output, PdfObject value)
    {
        switch (value)
        {
            case PdfNull:
                Ascii(output, "null");
                break;
            case PdfBoolean boolean:
                Ascii(output, boolean.Value ? "true" : "false");
                break;
            case PdfNumber number:
                Ascii(output, number.Raw);
                break;
            case PdfName name:
                WriteName(output, name.Value);
                break;
            case PdfString { IsHex: true } hex:
                Ascii(output, "<" + Convert.ToHexString(hex.Bytes) + ">");
                break;
            case PdfString literal:
                WriteLiteral(output, literal.Bytes);
                break;
            case PdfReference reference:
                Ascii(output, reference.ToString());
                break;
            case PdfArray array:
                output.WriteByte((byte)'[');
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        output.WriteByte((byte)' ');
                    }

                    Write(output, array.Items[i]);
                }

                output.WriteByte((byte)']');
                break;
            case PdfDictionary dictionary:
                Ascii(output, "<<");
                foreach (var entry in dictionary.Entries)
                {
                    WriteName(output, entry.Key);
                    output.WriteByte((byte)' ');
                    Write(output, entry.Value);
                }

                Ascii(output, ">>");
                break;
            default:
                throw new InvalidOperationException($"a {value.GetType().Name} cannot be written as a direct object");
        }
    }

    public static void Ascii(Stream output, string text) => output.Write(Encoding.ASCII.GetBytes(text));

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void WriteName(Stream output, string name)
    {
        output.WriteByte((byte)'/');
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            // Outside the printable range, delimiters and '#' itself are written as #xx (§7.3.5).
            if (b is < 0x21 or > 0x7E or (byte)'#' || PdfParser.IsDelimiter(b))
            {
                Ascii(output, "#" + b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                output.WriteByte(b);
            }
        }
    }

    private static void WriteLiteral(Stream output, byte[] bytes)
    {
        output.WriteByte((byte)'(');
        foreach (var b in bytes)
        {
            switch (b)
            {
                case (byte)'(' or (byte)')' or (byte)'\\':
                    output.WriteByte((byte)'\\');
                    output.WriteByte(b);
                    break;
                case 13:
                    // A bare CR would be read back as LF (§7.3.4.2).
                    Ascii(output, "\\r");
                    break;
                default:
                    output.WriteByte(b);
                    break;
            }
        }

        output.WriteByte((byte)')');
    }
}
