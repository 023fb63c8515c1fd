using SdfLearn.Autodiff;
using static SdfLearn.Tests.Autodiff.GradientAssert;

namespace SdfLearn.Tests.Autodiff;

public class SmokeTests
{
    [Fact]
    public void Linear_Gelu_Passes()
    {
        var x = RandomParameter(1, 3, 4);
        var w = RandomParameter(2, 5, 4);
        var b = RandomParameter(3, 5);
        Passes(tape => WeightedSum(Ops.Gelu(Ops.Linear(tape.Watch(x), tape.Watch(w), tape.Watch(b)))), x, w, b);
    }
}
