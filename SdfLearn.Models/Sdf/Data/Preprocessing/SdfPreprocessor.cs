using SdfLearn.Core;

namespace SdfLearn.Sdf.Data;

/// <summary>Computes the signed distance fields of whole image sets in parallel (<see cref="ComputeThreads"/>).</summary>
public static class SdfPreprocessor
{
    /// <summary>
    /// The fields of all <paramref name="images"/>, N x S x S values. Each image is computed independently,
    /// so the result does not depend on the thread count.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static float[] Transform(IdxImages images, SdfOptions options)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int size = options.Resolution * options.Resolution;
        var fields = GC.AllocateUninitializedArray<float>(checked(images.Count * size));
        int chunks = Math.Min(images.Count, ComputeThreads.MaxThreads * 8);
        ComputeThreads.For(chunks, chunk =>
        {
            int start = (int)((long)images.Count * chunk / chunks);
            int end = (int)((long)images.Count * (chunk + 1) / chunks);
            var transform = new SdfTransform(options);
            for (int i = start; i < end; i++)
                transform.Transform(images.Image(i), images.Rows, images.Columns, fields.AsSpan(i * size, size));
        });
        return fields;
    }
}
