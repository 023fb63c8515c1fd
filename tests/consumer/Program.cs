using SdfLearn.Consumer;

// Trains a 2D (disc) and a 3D (sphere) DeepSDF decoder with the packed packages, checkpoints half way, resumes from
// the checkpoint and requires the resumed run to match the uninterrupted one exactly, reloads the final weights,
// checks the learnt shape and draws the 2D field as a PNG. Exit code 0 only if everything holds.
string folder = Directory.CreateTempSubdirectory("sdflearn-consumer-").FullName;
try
{
    ShapeFit.Run(dimension: 2, radius: 0.3f, folder);
    ShapeFit.Run(dimension: 3, radius: 0.4f, folder);
    Console.WriteLine("consumer: all checks passed");
    return 0;
}
catch (Exception e)
{
    Console.Error.WriteLine($"consumer: FAILED: {e}");
    return 1;
}
finally
{
    Directory.Delete(folder, recursive: true);
}
