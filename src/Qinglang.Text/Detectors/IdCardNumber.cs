namespace Qinglang.Text.Detectors;

/// <summary>
/// Checks mainland resident ID card numbers (GB 11643-1999): 18 characters whose last is the ISO 7064 MOD 11-2 check
/// character over the first 17, with a province code and a real birth date; or the old 15-digit form (YYMMDD, 19xx).
/// </summary>
internal static class IdCardNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>True for a valid 18-character number ('0'–'9', last may be 'X').</summary>
    public static bool IsValid18(ReadOnlySpan<char> id, int currentYear)
    {
        if (id.Length != 18 || id[..17].ContainsAnyExceptInRange('0', '9') || !HasProvince(id))
        {
            return false;
        }

        if (!IsDate(Number(id.Slice(6, 4)), Number(id.Slice(10, 2)), Number(id.Slice(12, 2)), currentYear))
        {
            return false;
        }

        return id[17] == CheckCharacter(id[..17]);
    }

    /// <summary>True for a plausible old 15-digit number (no check digit: province and birth date must hold).</summary>
    public static bool IsValid15(ReadOnlySpan<char> id) =>
        id.Length == 15 && !id.ContainsAnyExceptInRange('0', '9') && HasProvince(id)
        && IsDate(1900 + Number(id.Slice(6, 2)), Number(id.Slice(8, 2)), Number(id.Slice(10, 2)), 1999);

    /// <summary>The ISO 7064 MOD 11-2 check character of the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    // Province-level codes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, and 71/81/82/83 (Taiwan, Hong Kong, Macao).
    private static bool HasProvince(ReadOnlySpan<char> id) => Number(id[..2]) switch
    {
        >= 11 and <= 15 or >= 21 and <= 23 or >= 31 and <= 37 or >= 41 and <= 46 or >= 50 and <= 54 or >= 61 and <= 65 => true,
        71 or 81 or 82 or 83 => true,
        _ => false,
    };

    private static bool IsDate(int year, int month, int day, int currentYear) =>
        year >= 1900 && year <= currentYear && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static int Number(ReadOnlySpan<char> digits)
    {
        var value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }
}
