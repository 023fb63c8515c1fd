using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Serialization;

namespace SdfLearn.Tests.Nn.Layers;

public class ModuleTests
{
    /// <summary>A module with a parameter of its own and nested children, as users write them.</summary>
    private sealed class TwoLayerNet : Layer<double>
    {
        public TwoLayerNet(ulong seed)
        {
            var random = new SeededRandom(seed);
            Scale = RegisterParameter("scale", new Parameter<double>(Tensor<double>.Full(1.5, 3)));
            Body = RegisterModule("body", new Sequential<double>(new Linear<double>(4, 3, random), new Tanh<double>(), new Linear<double>(3, 3, random)));
        }

        public Parameter<double> Scale { get; }

        public Sequential<double> Body { get; }

        public void Register(string name) => RegisterModule(name, new Relu<double>());

        public override Variable<double> Forward(Variable<double> x) => Ops.Mul(Body.Forward(x), x.Tape.Watch(Scale));
    }

    private static double[] Run(Layer<double> net)
    {
        var tape = new Tape<double>();
        var x = Tensor<double>.FromValues([0.1, -0.2, 0.3, 0.4, 1, 2, -3, 0.5], 2, 4);
        return net.Forward(tape.Constant(x)).Value.ToArray();
    }

    [Fact]
    public void NamedParameters_AreDottedAndInDeclarationOrder()
    {
        Assert.Equal(["scale", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias"], new TwoLayerNet(1).NamedParameters().Select(p => p.Key));
        Assert.Equal(3 + 12 + 3 + 9 + 3, new TwoLayerNet(1).ParameterCount());
        Assert.Equal(["body"], new TwoLayerNet(1).NamedChildren().Select(c => c.Key));
    }

    [Fact]
    public void StateDict_IsACopy_AndLoadsIntoAnotherInstance()
    {
        TwoLayerNet a = new(1), b = new(2);
        Assert.NotEqual(Run(a), Run(b));
        var state = a.StateDict();
        state["scale"].Fill(9); // a copy: the module is unaffected
        Assert.Equal(1.5, a.Scale.Value.Span[0]);

        b.LoadStateDict(a.StateDict());
        Assert.Equal(Run(a), Run(b));
    }

    [Fact]
    public void LoadStateDict_WrongShape_NamesTheTensor_AndChangesNothing()
    {
        TwoLayerNet a = new(1);
        var before = a.StateDict();
        var state = new TwoLayerNet(2).StateDict();
        state["body.2.weight"] = Tensor<double>.Zeros(3, 4);
        var ex = Assert.Throws<ShapeMismatchException>(() => a.LoadStateDict(state));
        Assert.Contains("'body.2.weight'", ex.Message);
        Assert.Contains("[3, 4]", ex.Message);
        Assert.Equal(before["body.0.weight"].ToArray(), a.Body.Layers[0].Parameters().First().Value.ToArray());
    }

    [Fact]
    public void LoadStateDict_MissingOrUnexpectedNames_AreReported_UnlessNotStrict()
    {
        var net = new TwoLayerNet(1);
        var state = net.StateDict();
        state.Remove("body.0.bias");
        Assert.Contains("'body.0.bias'", Assert.Throws<KeyNotFoundException>(() => net.LoadStateDict(state)).Message);
        net.LoadStateDict(state, strict: false);

        state = net.StateDict();
        state["head.weight"] = Tensor<double>.Zeros(1);
        Assert.Contains("head.weight", Assert.Throws<ArgumentException>(() => net.LoadStateDict(state)).Message);
        net.LoadStateDict(state, strict: false);
    }

    /// <summary>A file full of foreign names gets a short message: the first few names, then how many more.</summary>
    [Fact]
    public void LoadStateDict_ManyUnexpectedNames_ListsAFewThenCounts()
    {
        var net = new TwoLayerNet(1);
        var state = net.StateDict();
        for (int i = 0; i < 10_000; i++) state[$"decoder.layers.{i}.weight"] = Tensor<double>.Zeros(1);
        string message = Assert.Throws<ArgumentException>(() => net.LoadStateDict(state)).Message;
        Assert.Contains("'decoder.layers.0.weight'", message);
        Assert.Contains("and 9,995 more", message);
        Assert.True(message.Length < 400, message);
    }

    [Fact]
    public void RegisterModule_RejectsDotsAndDuplicates()
    {
        var net = new TwoLayerNet(1);
        Assert.Throws<ArgumentException>(() => net.Register("a.b"));
        Assert.Throws<ArgumentException>(() => net.Register("body"));
    }

    [Fact]
    public void ZeroGrad_ClearsEveryParameter()
    {
        var net = new TwoLayerNet(1);
        foreach (var p in net.Parameters()) p.Grad.Fill(3);
        net.ZeroGrad();
        Assert.All(net.Parameters(), p => Assert.All(p.Grad.ToArray(), g => Assert.Equal(0, g)));
    }

    [Fact]
    public void TrainAndEval_ReachEveryDescendant()
    {
        var net = new TwoLayerNet(1);
        Assert.True(net.IsTraining);
        net.Eval();
        Assert.False(net.Body.Layers[1].IsTraining);
        net.Train();
        Assert.True(net.Body.Layers[2].IsTraining);
    }

    [Fact]
    public void SafeTensorsFile_RoundTripsAModel_AcrossPrecisions()
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("sdflearn-module-").FullName, "net.safetensors");
        try
        {
            var source = new TwoLayerNet(1);
            source.SaveSafeTensors(path, new Dictionary<string, string> { ["epoch"] = "4" });
            var target = new TwoLayerNet(2);
            Assert.Equal("4", target.LoadSafeTensors(path)["epoch"]);
            Assert.Equal(Run(source), Run(target));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
