using System.IO.Compression;

namespace Qinglang.Labels.Carriers.Pdf;

/// <summary>
/// Decodes stream data: no filter, or FlateDecode (ISO 32000-1 §7.4.4) with the TIFF and PNG predictors. Output is
/// capped, so a small stream that inflates to gigabytes (a Flate bomb) is refused after the cap, not held in memory.
/// </summary>
internal static class PdfFilters
{
    /// <summary>
    /// The decoded data, or null when the stream uses a filter this reader does not decode (the caller decides
    /// whether that matters). Corrupt data throws <see cref="ContainerFormatException"/>.
    /// </summary>
    public static byte[]? TryDecode(PdfDictionary dictionary, byte[] encoded, int maxDecoded, string what)
    {
        if (dictionary["F"] is not null)
        {
            return null; // the data lives in an external file (§7.3.8.2), not in this one
        }

        var filter = Single(dictionary["Filter"]);
        var parameters = Single(dictionary["DecodeParms"]);
        switch (filter)
        {
            case null or PdfNull:
                return encoded;
            case PdfName { Value: "FlateDecode" or "Fl" }:
                var inflated = Inflate(encoded, maxDecoded, what);
                return parameters is PdfDictionary predictor ? Unpredict(inflated, predictor, what) : inflated;
            default:
                return null;
        }
    }

    public static byte[] Inflate(byte[] encoded, int maxDecoded, string what)
    {
        try
        {
            using var inflater = new ZLibStream(new MemoryStream(encoded, writable: false), CompressionMode.Decompress);
            var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            int read;
            while ((read = inflater.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > maxDecoded)
                {
                    throw new ContainerFormatException($"{what} inflates to more than {maxDecoded} bytes (a Flate bomb?); refused");
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new ContainerFormatException($"{what} is not valid Flate data: {ex.Message}");
        }
    }

    /// <summary>A filter or parameter entry may be a one-element array; longer chains are not decoded here.</summary>
    private static PdfObject? Single(PdfObject? value) => value switch
    {
        PdfArray { Items.Count: 0 } => null,
        PdfArray { Items.Count: 1 } array => array.Items[0],
        PdfArray => new PdfName("(filter chain)"),
        _ => value,
    };

    private static byte[] Unpredict(byte[] data, PdfDictionary parameters, string what)
    {
        var predictor = Integer(parameters, "Predictor", 1, 1, 15);
        if (predictor == 1)
        {
            return data;
        }

        var colors = Integer(parameters, "Colors", 1, 1, 32);
        var bitsPerComponent = Integer(parameters, "BitsPerComponent", 8, 1, 16);
        var columns = Integer(parameters, "Columns", 1, 1, 1 << 20);
        var rowLength = checked((colors * bitsPerComponent * columns) + 7) / 8;
        var bytesPerPixel = Math.Max(1, ((colors * bitsPerComponent) + 7) / 8);
        if (predictor == 2)
        {
            if (bitsPerComponent != 8)
            {
                throw new ContainerFormatException($"{what} uses the TIFF predictor with {bitsPerComponent}-bit components, which this reader does not decode");
            }

            var copy = (byte[])data.Clone();
            for (var row = 0; row + rowLength <= copy.Length; row += rowLength)
            {
                for (var i = colors; i < rowLength; i++)
                {
                    copy[row + i] += copy[row + i - colors];
                }
            }

            return copy;
        }

        if (predictor < 10)
        {
            throw new ContainerFormatException($"{what} has an unknown /Predictor {predictor}");
        }

        return UnpredictPng(data, rowLength, bytesPerPixel, what);
    }

    /// <summary>PNG predictors: every row starts with its own filter type byte (RFC 2083 §6).</summary>
    private static byte[] UnpredictPng(byte[] data, int rowLength, int bytesPerPixel, string what)
    {
        var rows = data.Length / (rowLength + 1);
        var output = new byte[rows * rowLength];
        var previous = new byte[rowLength];
        for (var row = 0; row < rows; row++)
        {
            var source = data.AsSpan((row * (rowLength + 1)) + 1, rowLength);
            var current = output.AsSpan(row * rowLength, rowLength);
            var type = data[row * (rowLength + 1)];
            for (var i = 0; i < rowLength; i++)
            {
                var left = i >= bytesPerPixel ? current[i - bytesPerPixel] : 0;
                var up = previous[i];
                var upLeft = i >= bytesPerPixel ? previous[i - bytesPerPixel] : 0;
                var predicted = type switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new ContainerFormatException($"{what} has PNG filter type {type} in row {row}"),
                };
                current[i] = (byte)(source[i] + predicted);
            }

            current.CopyTo(previous);
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static int Integer(PdfDictionary dictionary, string key, int fallback, int min, int max)
    {
        if (dictionary[key] is not PdfNumber number)
        {
            return fallback;
        }

        if (!number.IsInteger || number.Value < min || number.Value > max)
        {
            throw new ContainerFormatException($"/{key} {number.Raw} is outside {min}..{max}");
        }

        return (int)number.Value;
    }
}
