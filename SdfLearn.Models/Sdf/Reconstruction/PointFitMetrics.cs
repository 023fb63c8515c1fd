namespace SdfLearn.Sdf.Reconstruction;

/// <summary>How well a field fitted by <see cref="PointFit"/> matches, measured on every pixel of the S × S grid.</summary>
/// <param name="MeanEikonalError">Mean of <c>| |∇f| − 1 |</c> over the grid (0 for a true distance).</param>
/// <param name="Iou">Intersection over union of <c>f &lt; 0</c> with the true field's inside.</param>
/// <param name="PointsToContour">Mean distance, in pixels, from each input point to the fitted zero contour.</param>
/// <param name="ContourToPoints">Mean distance, in pixels, from each vertex of the fitted zero contour to the nearest input point.</param>
/// <param name="MaxContourToPoints">The largest such distance, in pixels (a stray contour shows here).</param>
public sealed record PointFitMetrics(double MeanEikonalError, double Iou, double PointsToContour, double ContourToPoints, double MaxContourToPoints);
