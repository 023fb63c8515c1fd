namespace SdfLearn.Sdf.Geometry;

/// <summary>A report after each epoch of <see cref="MeshFitter.Fit"/>.</summary>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="Epochs">Epochs in the run.</param>
/// <param name="Loss">The epoch's mean training loss.</param>
/// <param name="Elapsed">Training time so far.</param>
public readonly record struct MeshFitProgress(int Epoch, int Epochs, double Loss, TimeSpan Elapsed);
