using SdfLearn.Core;
using SdfLearn.Sdf.Evaluation;

namespace SdfLearn.Tests.Sdf.Evaluation;

/// <summary><see cref="SampleFidelity"/>: nearest-reference IoU and the pieces of the inside, on fields drawn by hand.</summary>
public class SampleFidelityTests
{
    private const int Size = 8;

    /// <summary>Fields [N, 1, 8, 8] with value -1 where the rows of <paramref name="pictures"/> have '#', +1 elsewhere.</summary>
    private static Tensor<float> Fields(params string[][] pictures)
    {
        var fields = new Tensor<float>(new Shape(pictures.Length, 1, Size, Size));
        for (int f = 0; f < pictures.Length; f++)
            for (int r = 0; r < Size; r++)
                for (int c = 0; c < Size; c++)
                    fields[f, 0, r, c] = r < pictures[f].Length && c < pictures[f][r].Length && pictures[f][r][c] == '#' ? -1f : 1f;
        return fields;
    }

    private static readonly string[] Bar = ["", "  ##", "  ##", "  ##", "  ##"];            // 8 pixels
    private static readonly string[] WideBar = ["", "  ###", "  ###", "  ###", "  ###"];    // 12 pixels, holds the bar
    private static readonly string[] Broken = ["", "  ##", "", "  ##", "  ##"];             // the bar with its second row missing
    private static readonly string[] Diagonal = ["#", " #"];                                // touching at a corner only

    [Fact]
    public void NearestIoU_IsTheBestOverlapOverTheReferences()
    {
        var fidelity = SampleFidelity.Measure(Fields(Bar, Broken), Fields(WideBar, Bar));
        Assert.Equal(1.0, fidelity.NearestIoU[0], 12);        // the bar itself is a reference
        Assert.Equal(6.0 / 8.0, fidelity.NearestIoU[1], 12);  // 6 of the bar's 8 pixels, nothing outside it
    }

    [Fact]
    public void Pieces_CountFourConnectedInsides()
    {
        var fidelity = SampleFidelity.Measure(Fields(Bar, Broken, Diagonal, [""]), Fields(Bar));
        Assert.Equal(new[] { 1, 2, 2, 0 }, fidelity.Pieces);
        Assert.Equal(0.25, fidelity.OnePieceShare);
    }

    [Fact]
    public void DigitLike_NeedsOnePieceAndTheThreshold()
    {
        var fidelity = SampleFidelity.Measure(Fields(Bar, WideBar, Broken), Fields(Bar));
        // Bar: one piece, IoU 1; wide bar: one piece, IoU 8/12; broken: IoU 6/8 but two pieces.
        Assert.Equal(2.0 / 3.0, fidelity.ShareLike(0.6), 12);
        Assert.Equal(1.0 / 3.0, fidelity.ShareLike(0.7), 12);
        Assert.Equal(0.75, fidelity.MedianNearestIoU, 12);
    }

    [Fact]
    public void MismatchedFieldSizes_AreRefused()
    {
        var small = new Tensor<float>(new Shape(1, 1, 4, 4));
        var error = Assert.Throws<ArgumentException>(() => SampleFidelity.Measure(small, Fields(Bar)));
        Assert.Contains("different sizes", error.Message);
    }
}
