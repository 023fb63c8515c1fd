using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Nn.Schedules;
using SdfLearn.Nn.Training;
using SdfLearn.Sdf.Architectures;
using SdfLearn.Sdf.Data;
using SdfLearn.Sdf.Training;
using SdfLearn.Sdf.Visualization;

// Your shape: any signed distance function, negative inside. Here a ring of radius 0.3 and half-thickness 0.08.
static float Shape(ReadOnlySpan<float> p) => MathF.Abs(MathF.Sqrt(p[0] * p[0] + p[1] * p[1]) - 0.3f) - 0.08f;

// The data: 20,000 points drawn uniformly over the picture's square [-0.5, 0.5]^2 with the shape's distance at each;
// every batch is a fresh random 512 of them (one shape, so one batch per epoch).
var points = PointSamples.Sample(Shape, dimensions: 2, points: 20_000, low: -0.5f, high: 0.5f, seed: 1);
var batches = new PointSampleLoader(points, batchSize: 1, seed: 1, pointsPerShape: 512);

var random = new SeededRandom(1);
var model = new Sequential<float>(
    new Linear<float>(2, 64, random), new Relu<float>(),
    new Linear<float>(64, 64, random), new Relu<float>(),
    new Linear<float>(64, 1, random));
var trainer = new Trainer<PointBatch>(model, batches, validation: null, PointSdfLoss.MeanSquaredError(model),
    new Adam<float>(model.Parameters(), learningRate: 3e-3),
    new TrainingOptions { Epochs = 1500, Schedule = new LinearWarmup(100, new CosineDecay()) });
var history = trainer.Run().History;
for (int epoch = 300; epoch <= history.Count; epoch += 300)
    Console.WriteLine($"step {epoch}: mean squared error {history[epoch - 1].Train.Total:G3}");

// Draw the learnt field on a 64 x 64 grid (pixel (i, j) at (i / 64 - 0.5, j / 64 - 0.5)) with its zero contour.
var field = model.Predict(DeepSdfImageDecoder<float>.PixelCoordinates(64));
SdfPicture.SavePng("quickstart.png", field.Span, resolution: 64);
Console.WriteLine($"Wrote quickstart.png ({model.ParameterCount():N0} parameters).");
