using SdfLearn.Autodiff;
using SdfLearn.Core;
using SdfLearn.Nn.Layers;
using SdfLearn.Nn.Optimizers;
using SdfLearn.Sdf.Visualization;

// Your shape: any signed distance function, negative inside. Here a ring of radius 0.3 and half-thickness 0.08.
static float Shape(float x, float y) => MathF.Abs(MathF.Sqrt(x * x + y * y) - 0.3f) - 0.08f;

var random = new SeededRandom(1);
var model = new Sequential<float>(
    new Linear<float>(2, 64, random), new Relu<float>(),
    new Linear<float>(64, 64, random), new Relu<float>(),
    new Linear<float>(64, 1, random));
var optimizer = new Adam<float>(model.Parameters(), learningRate: 3e-3);
var tape = new Tape<float>();
const int batch = 512;
var points = new float[batch * 2];
var targets = new float[batch];
for (int step = 1; step <= 1500; step++)
{
    random.FillUniform<float>(points, -0.5f, 0.5f);          // where to ask: uniform over the picture's square
    for (int n = 0; n < batch; n++) targets[n] = Shape(points[2 * n], points[2 * n + 1]);
    tape.Reset();
    optimizer.ZeroGrad();
    var predicted = model.Forward(tape.Constant(Tensor<float>.FromValues(points, batch, 2)));
    var loss = Ops.Mean(Ops.Square(predicted - tape.Constant(Tensor<float>.FromValues(targets, batch, 1))));
    tape.Backward(loss);
    optimizer.Step();
    if (step % 300 == 0) Console.WriteLine($"step {step}: mean squared error {loss.Item():G3}");
}

// Draw the learnt field on a 64 x 64 grid (pixel (i, j) at (i / 64 - 0.5, j / 64 - 0.5)) with its zero contour.
const int size = 64;
var grid = new float[size * size * 2];
for (int p = 0; p < size * size; p++) (grid[2 * p], grid[2 * p + 1]) = (p / size / (float)size - 0.5f, p % size / (float)size - 0.5f);
tape.Reset();
using (tape.NoGrad())
    SdfPicture.SavePng("quickstart.png", model.Forward(tape.Constant(Tensor<float>.FromValues(grid, size * size, 2))).Value.Span, size);
Console.WriteLine($"Wrote quickstart.png ({model.ParameterCount():N0} parameters).");
