using System.Runtime.CompilerServices;

namespace Qinglang.Text.Normalization;

/// <summary>
/// Financial (大写) numerals and their traditional forms → ordinary Chinese numerals. Mapped to 一二三 rather than
/// digits so that words containing numerals (一夜情, 三级) match whichever way they are written. 參/参 are left
/// alone: they are far more often the word "take part" than the numeral.
/// </summary>
internal static class NumeralVariants
{
    private const string Variants = "壹贰貳叁叄肆伍陆陸柒捌玖拾佰仟";
    private const string Ordinary = "一二二三三四五六六七八九十百千";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Map(int codePoint)
    {
        var index = codePoint <= char.MaxValue ? Variants.IndexOf((char)codePoint, StringComparison.Ordinal) : -1;
        return index < 0 ? codePoint : Ordinary[index];
    }
}
