using System.Runtime.CompilerServices;

namespace SdfLearn.Core.Kernels;

/// <summary>
/// Sizes of a convolution's column matrix and how many images share one GEMM. Images whose column matrices are
/// small sit side by side ([Rows, Group * Pixels]) so the GEMM sees more columns and packs the weights once per
/// group; large ones go one at a time, so the GEMM writes the output in place. Groups are the chunks of a pass's
/// one parallel region, so their number is a multiple of <see cref="MinimumGroups"/> when the batch allows.
/// </summary>
internal readonly struct ColumnLayout
{
    /// <summary>
    /// Bytes one group's scratch may fill (its column matrix plus its channel-major outputs): about the L2 cache, so
    /// im2col's output is still cached when the GEMM packs it, and the GEMM's output when it is moved to NCHW.
    /// </summary>
    internal const int BudgetBytes = 1 << 20;

    /// <summary>The number of groups is a multiple of this (when the batch has that many images), so threads share them evenly.</summary>
    internal const int MinimumGroups = 8;

    /// <summary>
    /// The layout of <paramref name="s"/> for elements of type <typeparamref name="T"/>. The group size depends only
    /// on the shape (never on the thread count), so the weight gradient's summation order, and hence every result,
    /// is the same for any number of threads.
    /// </summary>
    public static ColumnLayout For<T>(in Conv2dShape s) where T : unmanaged => new(s, Unsafe.SizeOf<T>());

    private ColumnLayout(in Conv2dShape s, int elementSize)
    {
        Rows = s.InChannels * s.KernelHeight * s.KernelWidth;
        Pixels = s.OutHeight * s.OutWidth;
        InputImage = s.InChannels * s.InHeight * s.InWidth;
        OutputImage = s.OutChannels * Pixels;
        long fit = BudgetBytes / elementSize / ((long)(Rows + s.OutChannels) * Pixels);
        // As few groups as fit the budget, rounded up to a multiple of MinimumGroups so they share out evenly over
        // 1, 2, 4 or 8 threads; then images spread evenly over them.
        long wanted = (s.Batch + Math.Max(fit, 1) - 1) / Math.Max(fit, 1);
        int groups = (int)Math.Min(s.Batch, (wanted + MinimumGroups - 1) / MinimumGroups * MinimumGroups);
        Group = (s.Batch + groups - 1) / groups;
        Groups = (s.Batch + Group - 1) / Group;
        Batch = s.Batch;
        ColumnsLength = checked(Rows * Group * Pixels);
        ChannelMajorLength = Group > 1 ? checked(OutputImage * Group) : 0;
    }

    /// <summary>Rows of the column matrix (K): one per (input channel, ky, kx).</summary>
    public int Rows { get; }
    /// <summary>Output pixels per image (P): the columns one image owns.</summary>
    public int Pixels { get; }
    /// <summary>Images per GEMM.</summary>
    public int Group { get; }
    /// <summary>Groups in the batch (the last may hold fewer images).</summary>
    public int Groups { get; }
    /// <summary>Images in the batch.</summary>
    public int Batch { get; }
    /// <summary>Elements of one input image.</summary>
    public int InputImage { get; }
    /// <summary>Elements of one output image.</summary>
    public int OutputImage { get; }
    /// <summary>The first image of group <paramref name="group"/> and how many images it holds.</summary>
    public (int First, int Count) ImagesOf(int group)
    {
        int first = group * Group;
        return (first, Math.Min(Group, Batch - first));
    }

    /// <summary>Scratch for one group's column matrix.</summary>
    public int ColumnsLength { get; }
    /// <summary>Scratch for one group's outputs in channel-major order (none when images go one at a time).</summary>
    public int ChannelMajorLength { get; }
}
