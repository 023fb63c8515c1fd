using SdfLearn.Sdf.Visualization;

namespace SdfLearn.Tests.Sdf.Visualization;

public class MarchingSquaresTests
{
    private static float[] Circle(int n, float centreRow, float centreColumn, float radius)
    {
        var field = new float[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                field[i * n + j] = MathF.Sqrt((i - centreRow) * (i - centreRow) + (j - centreColumn) * (j - centreColumn)) - radius;
        return field;
    }

    [Fact]
    public void CircleGivesOneClosedLoopOnTheCircle()
    {
        var lines = MarchingSquares.Trace(Circle(32, 15.3f, 16.1f, 9f), 32, 32);
        var loop = Assert.Single(lines);
        Assert.True(loop.Closed);
        Assert.True(loop.Points.Count > 40);
        foreach (var (row, column) in loop.Points)
            Assert.InRange(MathF.Sqrt((row - 15.3f) * (row - 15.3f) + (column - 16.1f) * (column - 16.1f)), 8.9f, 9.1f);
    }

    [Fact]
    public void CurveLeavingTheGridIsOpenWithEndsOnTheBorder()
    {
        var field = new float[10 * 10];
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 10; j++)
                field[i * 10 + j] = j - 4.5f; // vertical line at column 4.5
        var line = Assert.Single(MarchingSquares.Trace(field, 10, 10));
        Assert.False(line.Closed);
        Assert.Equal(10, line.Points.Count);
        Assert.All(line.Points, p => Assert.Equal(4.5f, p.Column, 5));
        Assert.Equal(new[] { 0f, 9f }, new[] { line.Points[0].Row, line.Points[^1].Row }.Order());
    }

    [Theory]
    [InlineData(-0.1f, 1f)] // centre inside: the inside corners join, so the top crossing pairs with the right edge
    [InlineData(0.1f, 0f)]  // centre outside: the inside corner (0,0) is cut off, so it pairs with the left edge
    public void SaddleIsResolvedByTheCellMean(float shift, float expectedColumn)
    {
        // A single cell: (0,0) and (1,1) inside, (0,1) and (1,0) outside; the mean is the shift.
        float[] field = [-1f + shift, 1f + shift, 1f + shift, -1f + shift];
        var lines = MarchingSquares.Trace(field, 2, 2);
        Assert.Equal(2, lines.Count);
        var fromTop = Assert.Single(lines, l => l.Points.Any(p => p.Row == 0f));
        var other = fromTop.Points.Single(p => p.Row != 0f);
        Assert.Equal(expectedColumn, other.Column);
    }

    [Fact]
    public void ConstantFieldHasNoContourAndBadLengthIsRefused()
    {
        Assert.Empty(MarchingSquares.Trace(new float[16], 4, 4, level: -1f));
        Assert.Contains("4x4", Assert.Throws<ArgumentException>(() => MarchingSquares.Trace(new float[15], 4, 4)).Message);
    }
}
