using CustomOp;
using SdfLearn.Autodiff;
using SdfLearn.Core;

// Check the op's hand-written backward against finite differences, in double precision.
var random = new SeededRandom(3);
var a = new Parameter<double>(new Tensor<double>(new Shape(4, 5)));
var b = new Parameter<double>(new Tensor<double>(new Shape(4, 5)));
var weights = new Tensor<double>(new Shape(4, 5));
random.FillUniform(a.Value.Span, -0.5, 0.5);
random.FillUniform(b.Value.Span, -0.5, 0.5);
random.FillUniform(weights.Span, 0.5, 2.0);

// A loss that weighs every element differently, so each gradient element is checked on its own.
Func<Tape<double>, Variable<double>> Loss(Func<Variable<double>, Variable<double>, double, Variable<double>> op) =>
    tape => Ops.Sum(op(tape.Watch(a), tape.Watch(b), 0.1) * tape.Constant(weights));

var right = GradientCheck.Run(Loss(SmoothMin.Apply), [a, b]);
Console.WriteLine($"correct backward: {(right.Passed ? "passed" : "FAILED")} (max relative error {right.MaxRelativeError:G3})");
var wrong = GradientCheck.Run(Loss(SmoothMin.ApplyWithWrongBackward), [a, b]);
Console.WriteLine($"wrong backward:   {(wrong.Passed ? "passed (unexpected!)" : "failed, as it should")} (max relative error {wrong.MaxRelativeError:G3})");
return right.Passed && !wrong.Passed ? 0 : 1;
