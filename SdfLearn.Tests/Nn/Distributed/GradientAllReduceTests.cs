using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Core.Distributed;
using SdfLearn.Nn.Distributed;

namespace SdfLearn.Tests.Nn.Distributed;

/// <summary>The exchange in one process (the MPI runs are in <see cref="DataParallelMpiTests"/>).</summary>
public class GradientAllReduceTests
{
    private static Parameter<float>[] TwoParameters()
    {
        var first = new Parameter<float>(Tensor<float>.FromValues([1f, 2, 3], 3));
        var second = new Parameter<float>(Tensor<float>.FromValues([4f, 5], 2));
        new float[] { 0.5f, -1, 2 }.CopyTo(first.Grad.Span);
        new float[] { 8f, -0.25f }.CopyTo(second.Grad.Span);
        return [first, second];
    }

    [Fact]
    public void OneProcess_WholeBatch_LeavesGradientsUntouched()
    {
        var parameters = TwoParameters();
        var exchange = new GradientAllReduce(SingleProcessCommunicator.Instance, parameters, scalars: 2);
        exchange.Reduce(localShare: 1);
        exchange.BroadcastValues();
        Assert.Equal([0.5f, -1, 2], parameters[0].Grad.ToArray());
        Assert.Equal([8f, -0.25f], parameters[1].Grad.ToArray());
        Assert.Equal([1f, 2, 3], parameters[0].Value.ToArray());
        Assert.Equal((3 + 2 + 2) * sizeof(float), exchange.BytesPerStep);
    }

    [Fact]
    public void Share_WeighsTheGradients_AndScalarsRideAlong()
    {
        var parameters = TwoParameters();
        var exchange = new GradientAllReduce(SingleProcessCommunicator.Instance, parameters, scalars: 1);
        exchange.Scalars[0] = 3;
        exchange.Reduce(localShare: 0.5);
        Assert.Equal([0.25f, -0.5f, 1], parameters[0].Grad.ToArray());
        Assert.Equal([4f, -0.125f], parameters[1].Grad.ToArray());
        Assert.Equal(3, exchange.Scalars[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => exchange.Reduce(1.5));
    }
}
