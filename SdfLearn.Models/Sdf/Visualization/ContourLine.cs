namespace SdfLearn.Sdf.Visualization;

/// <summary>
/// One connected piece of a level set traced by <see cref="MarchingSquares"/>: points in grid units, where
/// (row, column) = (i, j) is the centre of pixel (i, j).
/// </summary>
/// <param name="Points">The vertices in order, as (row, column) pairs.</param>
/// <param name="Closed">True if the last point connects back to the first (a loop); false if both ends are on the grid's edge.</param>
public sealed record ContourLine(IReadOnlyList<(float Row, float Column)> Points, bool Closed);
