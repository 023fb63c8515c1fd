using SdfLearn.Core;
using SdfLearn.Core.Kernels;

namespace SdfLearn.Tests.Core.Kernels.Convolution;

/// <summary>
/// <see cref="DirectConvWeights"/> against its definition: every packed element, including the zero lanes past the
/// last channel of a partial panel, written over a buffer full of NaN (the packers do not clear it first).
/// </summary>
public class DirectConvWeightsTests
{
    private const int PanelWidth = 32;

    /// <summary>(in channels, out channels, kernel, stride): whole and partial panels, kernels smaller than the stride.</summary>
    public static TheoryData<int, int, int, int> Shapes => new()
    {
        { 32, 64, 3, 2 },
        { 64, 64, 3, 2 },
        { 5, 70, 3, 1 },
        { 33, 7, 2, 3 },
        { 1, 32, 3, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackForward_MatchesDefinition(int inChannels, int outChannels, int kernel, int stride)
    {
        var s = Shape(inChannels, outChannels, kernel, stride);
        var weight = Weights(s);
        int taps = inChannels * kernel * kernel;
        var packed = Enumerable.Repeat(float.NaN, DirectConvWeights.Length(outChannels, taps, PanelWidth)).ToArray();
        DirectConvWeights.PackForward<float>(weight, s, PanelWidth, packed);
        for (int panel = 0; panel * PanelWidth < outChannels; panel++)
        for (int t = 0; t < taps; t++)
        for (int lane = 0; lane < PanelWidth; lane++)
        {
            int o = panel * PanelWidth + lane;
            float expected = o < outChannels ? weight[o * taps + t] : 0f;
            Assert.Equal(expected, packed[(panel * taps + t) * PanelWidth + lane]);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void PackInputGradientPhase_MatchesDefinition(int inChannels, int outChannels, int kernel, int stride)
    {
        var s = Shape(inChannels, outChannels, kernel, stride);
        var weight = Weights(s);
        for (int rowPhase = 0; rowPhase < stride; rowPhase++)
        for (int columnPhase = 0; columnPhase < stride; columnPhase++)
        {
            var phase = new InputGradientPhase(s, rowPhase, columnPhase);
            var packed = Enumerable.Repeat(float.NaN, DirectConvWeights.Length(inChannels, phase.Taps, PanelWidth)).ToArray();
            DirectConvWeights.PackInputGradientPhase<float>(weight, s, phase, PanelWidth, packed);
            for (int panel = 0; panel * PanelWidth < inChannels; panel++)
            for (int o = 0, t = 0; o < outChannels; o++)
            for (int j = 0; j < phase.KernelRows; j++)
            for (int i = 0; i < phase.KernelColumns; i++, t++)
            for (int lane = 0; lane < PanelWidth; lane++)
            {
                int c = panel * PanelWidth + lane, ky = rowPhase + stride * j, kx = columnPhase + stride * i;
                float expected = c < inChannels ? weight[((o * inChannels + c) * kernel + ky) * kernel + kx] : 0f;
                Assert.Equal(expected, packed[(panel * phase.Taps + t) * PanelWidth + lane]);
            }
        }
    }

    private static Conv2dShape Shape(int inChannels, int outChannels, int kernel, int stride)
        => new(1, inChannels, 9, 8, outChannels, kernel, kernel, stride, stride, 1, 1);

    private static float[] Weights(in Conv2dShape s) => new TestData<float>(s.WeightLength, new SeededRandom(3)).Values;
}
