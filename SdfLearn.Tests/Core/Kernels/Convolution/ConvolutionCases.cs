using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>Shapes the convolution tests run on: awkward geometries, and the reference model's layers at a small batch.</summary>
internal static class ConvolutionCases
{
    /// <summary>Awkward ordinary convolutions: 1x1, 5x5, strides 2 and 3, padding 0..2, odd and non-square sizes, batch 1..5.</summary>
    public static TheoryData<string> AwkwardConvolutions => Names(Awkward);

    /// <summary>The reference encoder's and decoder's ordinary convolutions (S = 64, c = 32) at batch 2.</summary>
    public static TheoryData<string> ReferenceConvolutions => Names(Reference);

    /// <summary>Awkward transposed convolutions, with and without output padding.</summary>
    public static TheoryData<string> AwkwardTransposed => Names(AwkwardTransposedShapes);

    /// <summary>The reference decoder's three transposed convolutions (k3, s2, p1, output padding 1) at batch 2.</summary>
    public static TheoryData<string> ReferenceTransposed => Names(ReferenceTransposedShapes);

    public static readonly Dictionary<string, Conv2dShape> Awkward = new()
    {
        ["1x1"] = new(3, 4, 5, 7, 3, 1, 1),
        ["1x1 more outputs than taps"] = new(3, 2, 5, 6, 8, 1, 1),
        ["1x1 stride 2 pad 1"] = new(2, 3, 6, 5, 2, 1, 1, 2, 2, 1, 1),
        ["5x5 pad 2"] = new(3, 2, 9, 11, 4, 5, 5, 1, 1, 2, 2),
        ["5x5 stride 3 pad 1"] = new(1, 3, 13, 10, 5, 5, 5, 3, 3, 1, 1),
        ["3x3 stride 2 pad 0 odd"] = new(3, 3, 7, 9, 2, 3, 3, 2, 2, 0, 0),
        ["3x2 stride 2x3 pad 1x0"] = new(2, 2, 8, 11, 3, 3, 2, 2, 3, 1, 0),
        ["window covers image"] = new(2, 2, 3, 3, 3, 5, 5, 1, 1, 1, 1),
        ["stride larger than kernel"] = new(2, 2, 10, 9, 3, 2, 2, 3, 3, 0, 1),
        // Scratch per image (144 + 4) * 400: several images per GEMM, with a partial last group, in float and in double.
        ["partial image groups"] = new(5, 16, 20, 20, 4, 3, 3, 1, 1, 1, 1),
        // Batches past ColumnLayout.MinimumGroups: several small images per group, a partial last group, weight
        // gradient blocks of unequal group counts; by GEMM (K = 27) and by dot products (K = 9), strides 1 and 2.
        ["many images stride 1"] = new(21, 3, 4, 5, 2, 3, 3, 1, 1, 1, 1),
        ["many images stride 2"] = new(19, 2, 6, 7, 3, 3, 3, 2, 2, 1, 1),
        ["many images one channel stride 2"] = new(17, 1, 8, 8, 4, 3, 3, 2, 2, 1, 1),
        ["more groups than blocks"] = new(37, 16, 20, 20, 4, 3, 3, 1, 1, 1, 1),
        // One input channel (9 taps: the weight gradient by dot products) and (9 + 32) * 4096 scratch per image: one
        // image per group, so the second group's weight gradient must add to the first's.
        ["one channel, one image per group"] = new(2, 1, 64, 64, 32, 3, 3, 1, 1, 1, 1),
    };

    public static readonly Dictionary<string, Conv2dShape> Reference = new()
    {
        ["encoder 1->32 s2"] = new(2, 1, 64, 64, 32, 3, 3, 2, 2, 1, 1),
        ["encoder/decoder 32->32 s1"] = new(2, 32, 32, 32, 32, 3, 3, 1, 1, 1, 1),
        ["encoder 32->64 s2"] = new(2, 32, 32, 32, 64, 3, 3, 2, 2, 1, 1),
        ["encoder/decoder 64->64 s1"] = new(2, 64, 16, 16, 64, 3, 3, 1, 1, 1, 1),
        ["encoder 64->64 s2"] = new(2, 64, 16, 16, 64, 3, 3, 2, 2, 1, 1),
    };

    public static readonly Dictionary<string, ConvTranspose2dShape> AwkwardTransposedShapes = new()
    {
        ["1x1"] = new(3, 4, 5, 7, 3, 1, 1),
        ["3x3 stride 2 pad 1 outpad 1"] = new(3, 3, 5, 4, 2, 3, 3, 2, 2, 1, 1, 1, 1),
        ["5x5 stride 3 pad 2 outpad 2x1"] = new(2, 2, 4, 5, 3, 5, 5, 3, 3, 2, 2, 2, 1),
        ["3x2 stride 2x1 pad 0"] = new(1, 2, 6, 3, 4, 3, 2, 2, 1, 0, 0),
        ["4x4 stride 2 pad 1"] = new(2, 3, 7, 7, 2, 4, 4, 2, 2, 1, 1),
        ["many images 3x3 stride 2 outpad 1"] = new(19, 3, 4, 5, 2, 3, 3, 2, 2, 1, 1, 1, 1),
        // Stride 1, 3x3, enough channels: the forward pass runs by Winograd and adds the bias as it stores.
        ["3x3 stride 1 pad 1, 24 channels"] = new(2, 24, 5, 6, 24, 3, 3, 1, 1, 1, 1),
    };

    public static readonly Dictionary<string, ConvTranspose2dShape> ReferenceTransposedShapes = new()
    {
        ["decoder 64->64 8->16"] = new(2, 64, 8, 8, 64, 3, 3, 2, 2, 1, 1, 1, 1),
        ["decoder 64->32 16->32"] = new(2, 64, 16, 16, 32, 3, 3, 2, 2, 1, 1, 1, 1),
        ["decoder 32->1 32->64"] = new(2, 32, 32, 32, 1, 3, 3, 2, 2, 1, 1, 1, 1),
    };

    private static TheoryData<string> Names<TShape>(Dictionary<string, TShape> shapes) => new(shapes.Keys);
}
