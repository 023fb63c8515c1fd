using System.Numerics;

namespace SdfLearn.Autodiff;

/// <summary>
/// A function's backward pass recorded as ops: given the gradient of a loss with respect to the function's output, as a
/// variable, returns the gradient with respect to its input, itself a variable built from differentiable ops. Losses on
/// that gradient (eikonal, normal alignment) are then backpropagated like any other value — the double backward of
/// PyTorch's <c>torch.autograd.grad(..., create_graph=True)</c>.
/// </summary>
public delegate Variable<T> Pullback<T>(Variable<T> outputGradient) where T : unmanaged, IFloatingPointIeee754<T>;
