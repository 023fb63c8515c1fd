namespace SdfLearn.Fuzz;

/// <summary>
/// One mutated input. <paramref name="Expected"/>, when known, is what a reader that accepts the input must return
/// (a mutation of bytes that a checksum covers), so a silent wrong read is told apart from a legitimate new file.
/// </summary>
/// <param name="Input">The bytes given to the reader.</param>
/// <param name="DecompressedSize">The size the reader has to hold once decompressed (the input's size when not compressed).</param>
/// <param name="Expected">The content an accepting reader must return, or null when any content is legitimate.</param>
/// <param name="Seed">Which of the target's seed files was mutated (it may choose the reading call).</param>
public sealed record FuzzCase(byte[] Input, long DecompressedSize, byte[]? Expected, int Seed);
