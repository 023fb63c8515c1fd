using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// Tensors lent out for one step of a tape and taken back on reset, so a training loop that records the same graph
/// every step reuses the same buffers instead of allocating its activations and gradients anew.
/// </summary>
internal sealed class TensorPool<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<Shape, Stack<Tensor<T>>> _free = [];
    private readonly List<Tensor<T>> _lent = [];

    /// <summary>A tensor of the given shape whose contents are unspecified (the caller overwrites every element).</summary>
    public Tensor<T> Rent(Shape shape)
    {
        var tensor = _free.TryGetValue(shape, out var stack) && stack.Count > 0 ? stack.Pop() : new Tensor<T>(shape);
        _lent.Add(tensor);
        return tensor;
    }

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public Tensor<T> RentZeroed(Shape shape)
    {
        var tensor = Rent(shape);
        tensor.Clear();
        return tensor;
    }

    /// <summary>Takes back every lent tensor; they are handed out again by later rents of the same shape.</summary>
    public void ReturnAll()
    {
        foreach (var tensor in _lent)
        {
            if (!_free.TryGetValue(tensor.Shape, out var stack))
                _free[tensor.Shape] = stack = new Stack<Tensor<T>>();
            stack.Push(tensor);
        }
        _lent.Clear();
    }
}
