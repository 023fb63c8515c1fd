using SdfLearn.Core;
using SdfLearn.Sdf.Data;

namespace SdfLearn.Tests.Nn.Training;

/// <summary>Small synthetic signed distance fields (discs of varied centre and radius) for fast training tests.</summary>
internal static class TinyData
{
    public static SdfDataset Discs(int count, int resolution, ulong seed)
    {
        var random = new SeededRandom(seed);
        int size = resolution * resolution;
        var fields = new float[count * size];
        var labels = new byte[count];
        for (int n = 0; n < count; n++)
        {
            double cr = (random.NextDouble() - 0.5) * 0.3, cc = (random.NextDouble() - 0.5) * 0.3, radius = 0.1 + 0.2 * random.NextDouble();
            labels[n] = (byte)(n % 10);
            for (int i = 0; i < resolution; i++)
                for (int j = 0; j < resolution; j++)
                {
                    double r = SdfGrid.Coordinate(i, resolution) - cr, c = SdfGrid.Coordinate(j, resolution) - cc;
                    fields[n * size + i * resolution + j] = (float)(Math.Sqrt(r * r + c * c) - radius);
                }
        }
        return new SdfDataset(fields, labels, resolution);
    }
}
