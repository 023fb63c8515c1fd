using System.Numerics;
using SdfLearn.Core;

namespace SdfLearn.Autodiff;

/// <summary>
/// Tensors lent out for one step of a tape and taken back on reset, so a training loop that records the same graph
/// every step reuses the same buffers instead of allocating its activations and gradients anew. Buffers of a shape
/// are handed out first-in first-out, so the n-th rent of a shape gets the same buffer every step.
/// </summary>
internal sealed class TensorPool<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Dictionary<Shape, Queue<Tensor<T>>> _free = new(DimsComparer.Instance);
    private readonly List<Tensor<T>> _lent = [];

    /// <summary>A tensor of the given shape whose contents are unspecified (the caller overwrites every element).</summary>
    public Tensor<T> Rent(Shape shape) => Rent(shape.Dims);

    /// <summary>
    /// A tensor with the given dimensions and unspecified contents. Looked up by the dimensions themselves, so an op
    /// can describe its output on the stack and a reused buffer costs no <see cref="Shape"/>.
    /// </summary>
    public Tensor<T> Rent(ReadOnlySpan<int> dims)
    {
        var free = _free.GetAlternateLookup<ReadOnlySpan<int>>();
        var tensor = free.TryGetValue(dims, out var queue) && queue.Count > 0 ? queue.Dequeue() : new Tensor<T>(new Shape(dims));
        _lent.Add(tensor);
        return tensor;
    }

    /// <summary>A zero-filled tensor with the given dimensions.</summary>
    public Tensor<T> RentZeroed(ReadOnlySpan<int> dims)
    {
        var tensor = Rent(dims);
        tensor.Clear();
        return tensor;
    }

    /// <summary>Fills every free buffer with NaN, so a later op that reads a rented buffer before writing it shows up.</summary>
    public void PoisonFree()
    {
        foreach (var queue in _free.Values)
            foreach (var tensor in queue) tensor.Fill(T.NaN);
    }

    /// <summary>Takes back every lent tensor; they are handed out again by later rents of the same shape.</summary>
    public void ReturnAll()
    {
        foreach (var tensor in _lent)
        {
            if (!_free.TryGetValue(tensor.Shape, out var queue))
                _free[tensor.Shape] = queue = new Queue<Tensor<T>>();
            queue.Enqueue(tensor);
        }
        _lent.Clear();
    }

    /// <summary>Shape equality for the free lists, also answering for a span of dimensions.</summary>
    private sealed class DimsComparer : IEqualityComparer<Shape>, IAlternateEqualityComparer<ReadOnlySpan<int>, Shape>
    {
        public static readonly DimsComparer Instance = new();

        public bool Equals(Shape x, Shape y) => x == y;

        public int GetHashCode(Shape shape) => GetHashCode(shape.Dims);

        public bool Equals(ReadOnlySpan<int> dims, Shape shape) => dims.SequenceEqual(shape.Dims);

        public int GetHashCode(ReadOnlySpan<int> dims)
        {
            var hash = new HashCode();
            foreach (int d in dims) hash.Add(d);
            return hash.ToHashCode();
        }

        public Shape Create(ReadOnlySpan<int> dims) => new(dims);
    }
}
