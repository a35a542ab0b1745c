namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>String syntax (ISO 32000-1 §7.3.4): literal strings with escapes and balanced parentheses, hex strings.</summary>
internal sealed partial class PdfParser
{
    private byte[] ReadLiteralString()
    {
        var start = Position;
        var output = new List<byte>();
        var depth = 1;
        while (true)
        {
            if (output.Count > MaxStringBytes)
            {
                throw new ContainerFormatException($"string longer than {MaxStringBytes} bytes", start);
            }

            var c = bytes.At(Position++);
            switch (c)
            {
                case -1:
                    throw new ContainerFormatException("file ends inside a string", start);
                case '(':
                    depth++;
                    output.Add((byte)c);
                    break;
                case ')':
                    if (--depth == 0)
                    {
                        return [.. output];
                    }

                    output.Add((byte)c);
                    break;
                case 13:
                    // An unescaped end of line (CR, LF or CR LF) stands for one LF (§7.3.4.2).
                    if (bytes.At(Position) == 10)
                    {
                        Position++;
                    }

                    output.Add(10);
                    break;
                case '\\':
                    ReadEscape(output);
                    break;
                default:
                    output.Add((byte)c);
                    break;
            }
        }
    }

    private void ReadEscape(List<byte> output)
    {
        var c = bytes.At(Position++);
        switch (c)
        {
            case 'n': output.Add(10); break;
            case 'r': output.Add(13); break;
            case 't': output.Add(9); break;
            case 'b': output.Add(8); break;
            case 'f': output.Add(12); break;
            case 13:
                if (bytes.At(Position) == 10)
                {
                    Position++;
                }

                break; // a line continuation
            case 10:
                break;
            case >= '0' and <= '7':
                var value = c - '0';
                for (var i = 0; i < 2 && bytes.At(Position) is >= '0' and <= '7'; i++)
                {
                    value = (value * 8) + (bytes.At(Position++) - '0');
                }

                output.Add((byte)value);
                break;
            case -1:
                throw new ContainerFormatException("file ends inside a string escape", Position);
            default:
                output.Add((byte)c); // \( \) \\ and any other character stand for themselves
                break;
        }
    }

    private byte[] ReadHexString()
    {
        var start = Position;
        var output = new List<byte>();
        var high = -1;
        while (true)
        {
            var c = bytes.At(Position++);
            if (c == '>')
            {
                if (high >= 0)
                {
                    output.Add((byte)(high << 4)); // an odd final digit is followed by an implied 0
                }

                return [.. output];
            }

            if (IsWhitespace(c))
            {
                continue;
            }

            var value = HexValue(c);
            if (value < 0)
            {
                throw new ContainerFormatException("hex string holds a character that is not a hex digit", Position - 1);
            }

            if (high < 0)
            {
                high = value;
            }
            else
            {
                output.Add((byte)((high << 4) | value));
                high = -1;
                if (output.Count > MaxStringBytes)
                {
                    throw new ContainerFormatException($"string longer than {MaxStringBytes} bytes", start);
                }
            }
        }
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
