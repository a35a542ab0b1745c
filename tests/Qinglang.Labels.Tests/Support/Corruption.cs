using Qinglang.Labels.Carriers;
using Qinglang.Labels.Writing;

namespace Qinglang.Labels.Tests.Support;

/// <summary>
/// Mutates a real file many ways (bit flips, truncation, overwritten length fields, garbage inserted) and checks
/// that inspecting never throws and labeling (to a copy, or in place) either succeeds with one label or fails cleanly,
/// writing nothing and leaving the input byte for byte as it was.
/// </summary>
public static class Corruption
{
    public static void Fuzz(string source, int mutations = 150, int seed = 45438)
    {
        var original = File.ReadAllBytes(source);
        var random = new Random(seed);
        using var folder = new TempFolder();
        for (var i = 0; i < mutations; i++)
        {
            var bytes = Mutate(original, random, i);
            var input = folder.File($"m{i}.bin");
            var output = folder.File($"o{i}.bin");
            File.WriteAllBytes(input, bytes);

            var report = Conformance.Inspector.Inspect(input); // must not throw
            Assert.NotNull(report);

            // Even rounds write a copy, odd rounds change the file in place: a refused in-place write must leave it as it was.
            var inPlace = i % 2 == 1;
            var target = inPlace ? input : output;
            try
            {
                Conformance.Writer.Write(input, inPlace ? null : output, new LabelRequest { ContentProducer = Conformance.Producer, ProduceID = "fuzz" });
                var after = Conformance.Inspector.Inspect(target);
                Assert.True(after.Label is not null && after.Sites.Count == 1, $"mutation {i}: write succeeded but left {Conformance.Describe(after)}");
                if (!inPlace)
                {
                    Assert.Equal(bytes, File.ReadAllBytes(input));
                }
            }
            catch (Exception ex) when (ex is ContainerFormatException or LabelingException)
            {
                Assert.False(File.Exists(output), $"mutation {i}: failed write left {output}");
                Assert.Equal(bytes, File.ReadAllBytes(input));
            }

            Assert.DoesNotContain(folder.Leftovers(), n => n.EndsWith(".tmp", StringComparison.Ordinal));
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static byte[] Mutate(byte[] original, Random random, int round)
    {
        var bytes = (byte[])original.Clone();
        switch (round % 5)
        {
            case 0: // flip a few bits
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                }

                return bytes;
            case 1: // truncate
                return bytes[..random.Next(1, bytes.Length)];
            case 2: // a lying 32-bit length somewhere in the first 4 KB
                var at = random.Next(Math.Max(1, Math.Min(bytes.Length - 4, 4096)));
                var lie = random.Next(3) switch { 0 => 0xFFFFFFFFu, 1 => 0x7FFFFFF0u, _ => (uint)random.Next() };
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at, Math.Min(4, bytes.Length - at)).ToArray().Length == 4 ? bytes.AsSpan(at, 4) : new byte[4], lie);
                return bytes;
            case 3: // zero a run
                var start = random.Next(bytes.Length);
                Array.Clear(bytes, start, Math.Min(bytes.Length - start, 1 + random.Next(64)));
                return bytes;
            default: // insert garbage
                var pos = random.Next(bytes.Length);
                var garbage = new byte[1 + random.Next(32)];
                random.NextBytes(garbage);
                return [.. bytes[..pos], .. garbage, .. bytes[pos..]];
        }
    }
}
