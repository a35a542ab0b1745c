using System.Text;

namespace Qinglang.Text.Scanning;

/// <summary>
/// Decodes invalid UTF-8 as U+FFFD, like the default, but counts the replacements so a host can say the input was
/// damaged instead of silently scanning something else.
/// </summary>
public sealed class CountingReplacementFallback : DecoderFallback
{
    private long _count;

    /// <summary>Invalid byte sequences replaced so far.</summary>
    public long Count => Interlocked.Read(ref _count);

    public override int MaxCharCount => 1;

    /// <summary>A UTF-8 encoding (no BOM emitted) that reports its replacements to a new fallback.</summary>
    public static Encoding Utf8(out CountingReplacementFallback fallback)
    {
        fallback = new CountingReplacementFallback();
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();
        encoding.DecoderFallback = fallback;
        return encoding;
    }

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(CountingReplacementFallback owner) : DecoderFallbackBuffer
    {
        private int _remaining;

        public override int Remaining => _remaining;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            Interlocked.Increment(ref owner._count);
            _remaining = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_remaining == 0)
            {
                return '\0';
            }

            _remaining = 0;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (_remaining != 0)
            {
                return false;
            }

            _remaining = 1;
            return true;
        }

        public override void Reset() => _remaining = 0;
    }
}
