namespace SdfLearn.Sdf.Geometry;

/// <summary>How close a mesh is to a reference mesh (see <see cref="MeshMetrics.Compare"/>).</summary>
/// <param name="Chamfer">Symmetric Chamfer distance: the mean of the two mean point-to-surface distances (samples of each surface to the other), in the meshes' units.</param>
/// <param name="ChamferFraction"><paramref name="Chamfer"/> divided by the reference's bounding-box diagonal.</param>
/// <param name="NormalConsistency">The mean |cos| of the angle between a sample's normal and the normal of the closest triangle of the other mesh, both ways (1 is perfect).</param>
/// <param name="InsideIoU">Intersection over union of the two insides (winding number above ½) on a grid.</param>
/// <param name="Diagonal">The reference's bounding-box diagonal.</param>
public sealed record MeshComparison(double Chamfer, double ChamferFraction, double NormalConsistency, double InsideIoU, double Diagonal);
