namespace Qinglang.Labels.Explicit.Caption;

/// <summary>
/// Where two decodings of the same picture differ. A pixel counts as changed when its luma moved by more than
/// <see cref="PixelThreshold"/>, and only inside an 8×8 block with several such pixels: re-encoding (JPEG, a GIF
/// palette, H.264) moves single pixels near sharp edges, a caption moves whole strokes.
/// </summary>
internal sealed record FrameDifference(PixelBox? Changed, int ChangedPixels, double Psnr)
{
    public const int PixelThreshold = 48;

    private const int Block = 8;
    private const int MinimumPerBlock = 4;

    public static FrameDifference Compare(GrayFrame before, GrayFrame after)
    {
        if (before.Width != after.Width || before.Height != after.Height)
        {
            throw new MarkingException($"frame sizes differ: {before.Width}×{before.Height} and {after.Width}×{after.Height}");
        }

        var (width, height) = (before.Width, before.Height);
        int left = width, top = height, right = 0, bottom = 0, count = 0;
        double squares = 0;
        for (var by = 0; by < height; by += Block)
        {
            for (var bx = 0; bx < width; bx += Block)
            {
                var (bl, bt, br, bb, inBlock) = (width, height, 0, 0, 0);
                for (var y = by; y < Math.Min(by + Block, height); y++)
                {
                    for (var x = bx; x < Math.Min(bx + Block, width); x++)
                    {
                        var delta = before[x, y] - after[x, y];
                        squares += delta * delta;
                        if (Math.Abs(delta) > PixelThreshold)
                        {
                            (bl, bt, br, bb) = (Math.Min(bl, x), Math.Min(bt, y), Math.Max(br, x + 1), Math.Max(bb, y + 1));
                            inBlock++;
                        }
                    }
                }

                if (inBlock >= MinimumPerBlock)
                {
                    (left, top, right, bottom) = (Math.Min(left, bl), Math.Min(top, bt), Math.Max(right, br), Math.Max(bottom, bb));
                    count += inBlock;
                }
            }
        }

        var mse = squares / ((double)width * height);
        var psnr = mse == 0 ? double.PositiveInfinity : 10 * Math.Log10(255.0 * 255.0 / mse);
        return new FrameDifference(count == 0 ? null : new PixelBox(left, top, right, bottom), count, psnr);
    }
}
