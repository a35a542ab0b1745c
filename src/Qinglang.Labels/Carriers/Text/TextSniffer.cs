using System.Text;

namespace Qinglang.Labels.Carriers.Text;

/// <summary>Tells text from binary by content: valid UTF-8 (or a UTF-16 BOM) with no NUL and few control characters.</summary>
internal static class TextSniffer
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsText(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return false;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }

        if (head.Contains((byte)0))
        {
            return false;
        }

        // The head may end inside a multi-byte character: drop up to three trailing bytes of an unfinished sequence.
        var end = head.Length;
        for (var back = 1; back <= 3 && back <= head.Length; back++)
        {
            var b = head[head.Length - back];
            if ((b & 0xC0) == 0xC0)
            {
                end = head.Length - back;
                break;
            }

            if ((b & 0x80) == 0)
            {
                break;
            }
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(head[..end]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var control = text.Count(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t' or '\f'));
        return control * 100 <= text.Length;
    }
}
