using SdfLearn.Core;

namespace SdfLearn.Tests.Core;

public class ShapeTests
{
    [Fact]
    public void Reshape_InfersOneDimension()
    {
        var shape = new Shape(2, 3, 4);
        Assert.Equal(new Shape(6, 4), shape.Reshape([-1, 4]));
    }

    [Fact]
    public void Reshape_WithWrongCount_NamesBothShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Shape(2, 3).Reshape([4, 2]));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[4, 2]", ex.Message);
    }

    [Fact]
    public void IndexFromEnd_CountsAxesNotElements()
    {
        var shape = new Shape(5, 1, 3, 7);
        Assert.Equal(7, shape[^1]);
        Assert.Equal(3, shape[^2]);
        Assert.Equal(7, shape[-1]);
    }

    [Fact]
    public void EmptyShape_IsAOneElementScalar()
    {
        Assert.Equal(1, new Shape().Length);
        Assert.Equal(0, new Shape().Rank);
        Assert.Equal(2.5f, Tensor<float>.Scalar(2.5f).Item());
    }

    [Fact]
    public void Shape_RejectsNonPositiveDimension() => Assert.Throws<ArgumentException>(() => new Shape(2, 0));

    [Fact]
    public void TensorIndexer_OutOfRange_NamesIndexAndShape()
    {
        var t = Tensor<float>.Zeros(2, 3);
        var ex = Assert.Throws<IndexOutOfRangeException>(() => t[1, 3]);
        Assert.Contains("[1, 3]", ex.Message);
        Assert.Contains("[2, 3]", ex.Message);
    }

    [Fact]
    public void CopyFrom_MismatchedShapes_Throws()
    {
        var ex = Assert.Throws<ShapeMismatchException>(() => Tensor<float>.Zeros(2, 3).CopyFrom(Tensor<float>.Zeros(3, 2)));
        Assert.Contains("[2, 3]", ex.Message);
        Assert.Contains("[3, 2]", ex.Message);
    }
}
