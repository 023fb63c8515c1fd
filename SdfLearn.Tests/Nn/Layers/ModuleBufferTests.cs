using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;

namespace SdfLearn.Tests.Nn.Layers;

/// <summary>Module buffers: saved and loaded with the parameters under dotted names, never among the trained parameters.</summary>
public class ModuleBufferTests
{
    private sealed class WithBuffer : Module<double>
    {
        public WithBuffer()
        {
            Weight = RegisterParameter("weight", new Parameter<double>(Tensor<double>.Full(2.0, 2)));
            Counts = RegisterBuffer("counts", Tensor<double>.Full(5.0, 3));
        }

        public Parameter<double> Weight { get; }

        public Tensor<double> Counts { get; }
    }

    private sealed class Outer : Module<double>
    {
        public Outer() => Inner = RegisterModule("inner", new WithBuffer());

        public WithBuffer Inner { get; }
    }

    [Fact]
    public void Buffers_AreInTheStateDict_ButNotAmongTheParameters()
    {
        var model = new Outer();
        Assert.Equal(["inner.weight"], model.NamedParameters().Select(p => p.Key));
        Assert.Equal(["inner.counts"], model.NamedBuffers().Select(b => b.Key));
        Assert.Equal(2, model.ParameterCount());
        var state = model.StateDict();
        Assert.Equal(["inner.weight", "inner.counts"], state.Keys);
        Assert.NotSame(model.Inner.Counts, state["inner.counts"]); // a copy
    }

    [Fact]
    public void LoadStateDict_RestoresBuffers_AndStrictLoadingNamesAMissingOne()
    {
        var source = new Outer();
        source.Inner.Counts.Span[1] = -7;
        var target = new Outer();
        target.LoadStateDict(source.StateDict());
        Assert.Equal([5.0, -7.0, 5.0], target.Inner.Counts.ToArray());

        var withoutBuffer = source.StateDict();
        withoutBuffer.Remove("inner.counts");
        var error = Assert.Throws<KeyNotFoundException>(() => new Outer().LoadStateDict(withoutBuffer));
        Assert.Contains("inner.counts", error.Message);
        var lenient = new Outer();
        lenient.LoadStateDict(withoutBuffer, strict: false);
        Assert.Equal([5.0, 5.0, 5.0], lenient.Inner.Counts.ToArray());
    }

    [Fact]
    public void ABufferName_MustBeFree()
    {
        var error = Assert.Throws<ArgumentException>(() => new Clash());
        Assert.Contains("'weight' is already registered", error.Message);
    }

    private sealed class Clash : Module<double>
    {
        public Clash()
        {
            RegisterParameter("weight", new Parameter<double>(new Tensor<double>(new Shape(1))));
            RegisterBuffer("weight", new Tensor<double>(new Shape(1)));
        }
    }
}
