namespace Qinglang.Labels.Model;

/// <summary>
/// The 27-character service-provider code of TC260-PG-20252A: <c>00</c>, subject type <c>1</c> (organization),
/// identifier type <c>1</c> (unified social credit code), the 18-character USCC (GB 32100-2015, with its check
/// character), then five characters: <c>00000</c>, or service type (<c>1</c> generate, <c>2</c> propagate) and a
/// four-character model/app code.
/// </summary>
public static class ProviderCode
{
    public const int Length = 27;

    // GB 32100-2015 alphabet: digits and capitals without I, O, S, V, Z; a character's value is its index.
    private const string UsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] UsccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Returns null when <paramref name="code"/> is a well-formed provider code, else why it is not.</summary>
    public static string? Check(string code)
    {
        if (code.Length != Length)
        {
            return $"is {code.Length} characters long, not {Length}";
        }

        foreach (var c in code)
        {
            if (c is not (>= '0' and <= '9' or >= 'A' and <= 'Z'))
            {
                return $"has '{c}'; only digits and capital letters are allowed";
            }
        }

        if (code[..2] != "00")
        {
            return $"starts with '{code[..2]}', not the version '00'";
        }

        if (code[2] != '1')
        {
            return $"subject type is '{code[2]}', not '1' (organization)";
        }

        if (code[3] != '1')
        {
            return $"identifier type is '{code[3]}', not '1' (unified social credit code)";
        }

        if (CheckUscc(code.Substring(4, 18)) is { } usccProblem)
        {
            return usccProblem;
        }

        var tail = code[22..];
        if (tail != "00000" && tail[0] is not ('1' or '2'))
        {
            return $"ends with '{tail}': expected '00000' or service type 1/2 and a four-character code";
        }

        return null;
    }

    /// <summary>Checks a unified social credit code (GB 32100-2015), including its check character.</summary>
    public static string? CheckUscc(string uscc)
    {
        if (uscc.Length != 18)
        {
            return $"unified social credit code '{uscc}' is not 18 characters";
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = UsccAlphabet.IndexOf(uscc[i]);
            if (value < 0)
            {
                return $"unified social credit code has '{uscc[i]}', which GB 32100 does not use";
            }

            sum += value * UsccWeights[i];
        }

        var expected = UsccAlphabet[(31 - sum % 31) % 31];
        return uscc[17] == expected ? null : $"unified social credit code '{uscc}' fails its check character (expected '{expected}')";
    }
}
