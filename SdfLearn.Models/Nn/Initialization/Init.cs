using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Nn.Initialization;

/// <summary>
/// Weight initialisations with PyTorch's definitions (<c>torch.nn.init</c>), drawing from a <see cref="SeededRandom"/>
/// so a seed fixes the model. The layer defaults are PyTorch's <c>reset_parameters</c>:
/// weights <c>kaiming_uniform_(a = sqrt(5))</c>, i.e. U(-1/sqrt(fanIn), 1/sqrt(fanIn)), and biases U(-1/sqrt(fanIn), 1/sqrt(fanIn)).
/// </summary>
public static class Init
{
    /// <summary>
    /// Fan-in and fan-out of a weight as <c>torch.nn.init._calculate_fan_in_and_fan_out</c> computes them:
    /// <c>fanIn = shape[1] * receptive field</c>, <c>fanOut = shape[0] * receptive field</c>, where the receptive field is the
    /// product of the dimensions after the first two. For a transposed convolution's weight [in, out, kh, kw] this gives
    /// <c>fanIn = out * kh * kw</c>, exactly as PyTorch does.
    /// </summary>
    /// <exception cref="ArgumentException">The weight has fewer than two dimensions.</exception>
    public static (int FanIn, int FanOut) Fans(Shape weightShape)
    {
        if (weightShape.Rank < 2)
            throw new ArgumentException($"Fan in and fan out need a weight of rank 2 or more; got shape {weightShape}.", nameof(weightShape));
        int receptiveField = weightShape.Product(2, weightShape.Rank);
        return (weightShape[1] * receptiveField, weightShape[0] * receptiveField);
    }

    /// <summary>Fills <paramref name="tensor"/> from U(<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static void Uniform<T>(Tensor<T> tensor, double low, double high, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(tensor);
        ArgumentNullException.ThrowIfNull(random);
        random.FillUniform(tensor.Span, T.CreateTruncating(low), T.CreateTruncating(high));
    }

    /// <summary>
    /// <c>kaiming_uniform_</c> with fan-in mode and the leaky-ReLU gain <c>sqrt(2 / (1 + a^2))</c>: U(-b, b) with
    /// <c>b = gain * sqrt(3 / fanIn)</c>. The default <paramref name="a"/> = sqrt(5) is what PyTorch layers use.
    /// </summary>
    public static void KaimingUniform<T>(Tensor<T> weight, SeededRandom random, double a = 2.23606797749979)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weight);
        double gain = Math.Sqrt(2.0 / (1 + a * a));
        double bound = gain * Math.Sqrt(3.0 / Fans(weight.Shape).FanIn);
        Uniform(weight, -bound, bound, random);
    }

    /// <summary>PyTorch's default layer initialisation: the weight by <see cref="KaimingUniform{T}"/>, then the bias (if any) from U(-1/sqrt(fanIn), 1/sqrt(fanIn)).</summary>
    public static void PyTorchDefault<T>(Tensor<T> weight, Tensor<T>? bias, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        KaimingUniform(weight, random);
        if (bias is null) return;
        double bound = 1 / Math.Sqrt(Fans(weight.Shape).FanIn);
        Uniform(bias, -bound, bound, random);
    }

    /// <summary>
    /// A hidden ReLU-like layer of the geometric initialisation (Atzmon and Lipman, SAL): weight [out, in] from
    /// N(0, <paramref name="scale"/>² · 2 / out), which keeps E‖h‖² = ‖x‖² through the layer, and a zero bias, so the layer
    /// stays positively homogeneous in its input.
    /// </summary>
    public static void GeometricHidden<T>(Tensor<T> weight, Tensor<T>? bias, SeededRandom random, double scale = 1)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(random);
        random.FillNormal(weight.Span, T.Zero, T.CreateTruncating(scale * Math.Sqrt(2.0 / weight.Shape[0])));
        bias?.Span.Clear();
    }

    /// <summary>
    /// The output layer of the geometric initialisation: weight [1, in] from N(√(π / in), 10⁻⁴²) and bias −<paramref name="radius"/>,
    /// which turn the last hidden features of <see cref="GeometricHidden{T}"/> layers into about ‖x‖ − r.
    /// </summary>
    public static void GeometricOutput<T>(Tensor<T> weight, Tensor<T>? bias, double radius, SeededRandom random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(weight);
        ArgumentNullException.ThrowIfNull(random);
        random.FillNormal(weight.Span, T.CreateTruncating(Math.Sqrt(Math.PI / Fans(weight.Shape).FanIn)), T.CreateTruncating(1e-4));
        bias?.Span.Fill(T.CreateTruncating(-radius));
    }
}
