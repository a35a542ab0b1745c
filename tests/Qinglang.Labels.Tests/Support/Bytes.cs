using System.Text;

namespace Qinglang.Labels.Tests.Support;

/// <summary>Searching a file's bytes for Latin-1 text, as carrier tests check where markers and values landed.</summary>
public static class Bytes
{
    public static int IndexOf(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.Latin1.GetBytes(text));

    /// <summary>How many times <paramref name="text"/> occurs, overlaps included.</summary>
    public static int Count(byte[] bytes, string text)
    {
        var needle = Encoding.Latin1.GetBytes(text);
        var count = 0;
        var from = 0;
        while (bytes.AsSpan(from).IndexOf(needle) is var next && next >= 0)
        {
            count++;
            from += next + 1;
        }

        return count;
    }
}
